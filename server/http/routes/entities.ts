import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { EntityHistory, Moment } from '../../../lib/contract/index.ts';
import { loadEntityHistory } from '../../identity/identity-history.ts';
import { AppError } from '../errors.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const history = createRoute({
  method: 'get',
  path: '/v1/entities/{id}/history',
  summary: "An entity's identity history, newest first, and its member records as of now or as of `asOf`",
  security: [{ bearer: [] }],
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    query: z.object({ asOf: Moment.optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
  },
  responses: {
    200: { description: 'History and members', content: { 'application/json': { schema: EntityHistory } } },
    ...problemResponses,
    404: { description: 'No entity and no history with this id' },
  },
});

export const entityRoutes = createRouter().openapi(history, async (c) => {
  const { id } = c.req.valid('param');
  const { asOf, limit } = c.req.valid('query');
  const at = asOf ? new Date(asOf) : new Date();
  const result = await loadEntityHistory(c.var.deps.store.db, id, at, limit);
  if (!result.known) throw new AppError(404, 'unknown_entity', `No entity ${id}, now or in the history.`);
  return c.json({ entityId: id, asOf: at.toISOString(), members: result.members, events: result.events }, 200);
});
