import type { Context } from 'hono';

/** The ETag of a body whose version is known; weak because the JSON may be re-serialised. */
export const etagOf = (version: string) => `W/"${version}"`;

/** True when the client already holds this version (`If-None-Match`): answer 304 without a body. */
export function clientHasVersion(c: Context, version: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  const tag = etagOf(version);
  return header.split(',').some((t) => {
    const candidate = t.trim();
    return candidate === '*' || candidate === tag || candidate === `"${version}"`;
  });
}
