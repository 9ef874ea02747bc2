import { createRoute } from '@hono/zod-openapi';
import { LookupRequest, LookupResponse } from '../../../lib/contract/index.ts';
import { buildContext } from '../../lookup/build-context.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/lookup',
  summary: 'The context for a sidebar: account, person, properties and matches, in one round trip',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: LookupRequest } } } },
  responses: {
    200: { description: 'The context, or notModified when ifVersion is current', content: { 'application/json': { schema: LookupResponse } } },
    ...problemResponses,
  },
});

export const lookupRoutes = createRouter().openapi(route, async (c) => {
  const body = c.req.valid('json');
  const { store, config } = c.var.deps;
  const context = await buildContext(store.db, config, { identifiers: body.identifiers, role: c.var.caller.role, asOf: body.asOf ? new Date(body.asOf) : null });
  if (body.ifVersion && body.ifVersion === context.version) return c.json({ notModified: true as const, version: context.version }, 200);
  return c.json(context, 200);
});
