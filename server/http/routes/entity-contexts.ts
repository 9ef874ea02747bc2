import { createRoute } from '@hono/zod-openapi';
import type { Context as HonoContext } from 'hono';
import { z } from 'zod';
import { Context, HealthHistory, Moment } from '../../../lib/contract/index.ts';
import { buildContext } from '../../lookup/build-context.ts';
import type { AppEnv } from '../env.ts';
import { AppError } from '../errors.ts';
import { clientHasVersion, etagOf } from '../etag.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const EntityId = z.string().min(1).max(100);
const notModified = { 304: { description: 'Not modified: the If-None-Match version is current' } } as const;
const notFound = { 404: { description: 'No such entity' } } as const;

/** The context of one entity by id, answered with an ETag (304 when the client holds this version). */
const entityContextRoute = (path: string, summary: string) =>
  createRoute({
    method: 'get',
    path,
    summary: `${summary}; ETag / If-None-Match`,
    security: [{ bearer: [] }],
    request: { params: z.object({ id: EntityId }), query: z.object({ asOf: Moment.optional() }) },
    responses: { 200: { description: 'The context', content: { 'application/json': { schema: Context } } }, ...notModified, ...notFound, ...problemResponses },
  });

const account = entityContextRoute('/v1/accounts/{id}', 'The context of one account (the candidate switcher)');
const person = entityContextRoute('/v1/people/{id}', 'The context of one person, with their account when they have exactly one');

async function serveEntityContext(c: HonoContext<AppEnv>, kind: 'account' | 'person', id: string, asOf: string | undefined) {
  const context = await buildContext(c.var.deps.store.db, c.var.deps.config, { entity: { kind, id }, role: c.var.caller.role, asOf: asOf ? new Date(asOf) : null });
  if (!context) throw new AppError(404, 'not_found', `No ${kind} ${id}.`);
  c.header('etag', etagOf(context.version));
  return { context, current: clientHasVersion(c, context.version) };
}

const healthHistory = createRoute({
  method: 'get',
  path: '/v1/accounts/{id}/health/history',
  summary: "An account's daily health score, oldest first",
  security: [{ bearer: [] }],
  request: { params: z.object({ id: EntityId }), query: z.object({ days: z.coerce.number().int().min(1).max(730).default(90) }) },
  responses: { 200: { description: 'Daily scores', content: { 'application/json': { schema: HealthHistory } } }, ...notFound, ...problemResponses },
});

export const entityContextRoutes = createRouter()
  .openapi(account, async (c) => {
    const { context, current } = await serveEntityContext(c, 'account', c.req.valid('param').id, c.req.valid('query').asOf);
    return current ? c.body(null, 304) : c.json(context, 200);
  })
  .openapi(person, async (c) => {
    const { context, current } = await serveEntityContext(c, 'person', c.req.valid('param').id, c.req.valid('query').asOf);
    return current ? c.body(null, 304) : c.json(context, 200);
  })
  .openapi(healthHistory, async (c) => {
    const { id } = c.req.valid('param');
    const { days } = c.req.valid('query');
    const db = c.var.deps.store.db;
    const exists = await db.selectFrom('entities').select('id').where('id', '=', id).where('kind', '=', 'account').executeTakeFirst();
    if (!exists) throw new AppError(404, 'not_found', `No account ${id}.`);
    const since = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    const rows = await db
      .selectFrom('health_history')
      .select((eb) => [eb.fn<string>('to_char', [eb.ref('day'), eb.val('YYYY-MM-DD')]).as('day'), 'score', 'band'])
      .where('entity_id', '=', id)
      .where('day', '>=', since)
      .orderBy('day')
      .execute();
    return c.json({ account: id, days: rows.map((r) => ({ day: r.day, score: r.score, band: r.band as 'good' | 'watch' | 'at_risk' })) }, 200);
  });
