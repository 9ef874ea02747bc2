import { Problem, PROBLEM_CONTENT_TYPE } from '../../../../lib/contract/index.ts';

/**
 * What the API promises for any request, however malformed: a 2xx, 3xx or 4xx, never a 5xx; a 4xx is
 * problem+json in the contract's Problem shape with its own status; a 429 says when to retry; a JSON 2xx
 * parses. Returns what was broken, or null.
 */
export async function checkResponse(res: Response): Promise<string | null> {
  const text = await res.text();
  if (res.status < 200 || res.status >= 500) return `status ${res.status}: ${text.slice(0, 300)}`;
  if (res.status >= 400) {
    const type = res.headers.get('content-type') ?? '';
    if (!type.startsWith(PROBLEM_CONTENT_TYPE)) return `status ${res.status} with content-type "${type}": ${text.slice(0, 300)}`;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `status ${res.status}: the problem is not JSON: ${text.slice(0, 300)}`;
    }
    const parsed = Problem.safeParse(body);
    if (!parsed.success) return `status ${res.status}: not a Problem (${parsed.error.message}): ${text.slice(0, 300)}`;
    if (parsed.data.status !== res.status) return `status ${res.status} but the problem says ${parsed.data.status}`;
    if (res.status === 429 && !res.headers.get('retry-after')) return '429 without Retry-After';
    return null;
  }
  if (res.status === 204 || res.status === 304) return text === '' ? null : `status ${res.status} with a body`;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      JSON.parse(text);
    } catch {
      return `status ${res.status}: body is not JSON: ${text.slice(0, 300)}`;
    }
  }
  return null;
}
