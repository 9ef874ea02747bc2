import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from './errors.ts';
import type { AppEnv } from './env.ts';
import { findNulText } from './nul-text.ts';

/**
 * A sub-app whose request validation failures become 400 problem+json with the zod issues; so does text
 * with a NUL character in any validated part of a request (path, query, headers, body).
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), message: issue.message }));
        throw new AppError(400, 'invalid_request', issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '), issues);
      }
      const nul = findNulText(result.data);
      if (nul) {
        const message = 'text may not contain a NUL character (U+0000)';
        throw new AppError(400, 'invalid_request', `${nul.join('.') || '(body)'}: ${message}`, [{ path: nul, message }]);
      }
    },
  });
}

export const problemResponses = {
  400: { description: 'Malformed request (problem+json with the validation issues)' },
  401: { description: 'Missing, unknown, revoked or expired token' },
} as const;
