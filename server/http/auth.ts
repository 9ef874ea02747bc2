import { createMiddleware } from 'hono/factory';
import type { Role } from '../../lib/contract/index.ts';
import { noteTokenUse } from '../auth/token-use.ts';
import { authenticate, type TokenInfo } from '../auth/tokens.ts';
import { AppError } from './errors.ts';
import type { AppEnv } from './env.ts';

/** Every /v1 route needs a bearer token; the caller (name and role) travels on the context. */
export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError(401, 'missing_token', 'Send "Authorization: Bearer <token>"; create one with `sidelight token create`.');
  const caller = await authenticate(c.var.deps.store.db, match[1]!);
  if (!caller) throw new AppError(401, 'invalid_token', 'The token is unknown, revoked or expired.');
  const wait = c.var.deps.rateLimiter?.take(caller.id) ?? 0;
  if (wait > 0) {
    c.header('retry-after', String(wait));
    throw new AppError(429, 'rate_limited', `Too many requests for this token; retry in ${wait} s.`);
  }
  noteTokenUse(c.var.deps.store.db, caller);
  c.set('caller', caller);
  await next();
});

export function requireRole(caller: TokenInfo, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) throw new AppError(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
}
