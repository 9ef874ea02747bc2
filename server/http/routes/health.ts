import { createRoute } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { Health } from '../../../lib/contract/index.ts';
import { createRouter } from '../openapi-app.ts';

const route = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness and store reachability (no token needed)',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: Health } } },
    503: { description: 'The store does not answer', content: { 'application/json': { schema: Health } } },
  },
});

export const healthRoutes = createRouter().openapi(route, async (c) => {
  const { store, version } = c.var.deps;
  const ok = await sql`select 1`.execute(store.db).then(
    () => true,
    () => false,
  );
  const body = { status: ok ? 'ok' : 'degraded', version, store: store.engine, database: ok ? 'ok' : 'unreachable' } as const;
  return ok ? c.json(body, 200) : c.json(body, 503);
});
