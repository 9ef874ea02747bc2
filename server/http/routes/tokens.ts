import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Moment, Role } from '../../../lib/contract/index.ts';
import { createToken, defaultExpiry, listTokens, revokeToken } from '../../auth/tokens.ts';
import { requireRole } from '../auth.ts';
import { AppError } from '../errors.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const TokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const create = createRoute({
  method: 'post',
  path: '/v1/tokens',
  summary: 'Create a token for a person (admin); the token is shown once',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(200), role: Role, expiresAt: Moment.optional() }) } },
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: z.object({ token: z.string(), info: TokenInfo }) } } },
    ...problemResponses,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/tokens',
  summary: 'List tokens (admin); never their secrets',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'Tokens', content: { 'application/json': { schema: z.object({ tokens: z.array(TokenInfo) }) } } }, ...problemResponses },
});

const revoke = createRoute({
  method: 'post',
  path: '/v1/tokens/{idOrName}/revoke',
  summary: "Revoke a token by id, or all of a person's tokens by name (admin)",
  security: [{ bearer: [] }],
  request: { params: z.object({ idOrName: z.string().min(1) }) },
  responses: { 200: { description: 'Revoked', content: { 'application/json': { schema: z.object({ revoked: z.number().int() }) } } }, ...problemResponses },
});

export const tokenRoutes = createRouter()
  .openapi(create, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const body = c.req.valid('json');
    const { token, info } = await createToken(c.var.deps.store.db, { name: body.name, role: body.role, expiresAt: body.expiresAt ? new Date(body.expiresAt) : defaultExpiry(c.var.deps.config) });
    return c.json({ token, info: { ...info, createdAt: info.createdAt.toISOString(), expiresAt: iso(info.expiresAt), revokedAt: null } }, 201);
  })
  .openapi(list, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const tokens = await listTokens(c.var.deps.store.db);
    return c.json({ tokens: tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), expiresAt: iso(t.expiresAt), revokedAt: iso(t.revokedAt) })) }, 200);
  })
  .openapi(revoke, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const revoked = await revokeToken(c.var.deps.store.db, c.req.valid('param').idOrName);
    if (revoked === 0) throw new AppError(404, 'not_found', 'No active token with that id or name.');
    return c.json({ revoked }, 200);
  });
