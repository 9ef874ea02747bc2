import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ModelRunSummary, ModelStatus } from '../../../lib/contract/index.ts';
import { replayQuarantine } from '../../models/replay-quarantine.ts';
import { listQuarantine, listRuns, modelStatuses } from '../../models/status.ts';
import { requireRole } from '../auth.ts';
import { AppError } from '../errors.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const QuarantinedRow = z.object({
  id: z.string(),
  model: z.string(),
  rowKey: z.string(),
  reason: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  row: z.record(z.string(), z.unknown()),
  firstRunId: z.string(),
  lastRunId: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});

const list = createRoute({
  method: 'get',
  path: '/v1/models',
  summary: 'Data models with their last run and freshness',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'Models', content: { 'application/json': { schema: z.object({ models: z.array(ModelStatus) }) } } }, ...problemResponses },
});

const run = createRoute({
  method: 'post',
  path: '/v1/models/{name}/run',
  summary: 'Run one data model now (admin); "all" runs every model',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ name: z.string() }),
    query: z.object({ fullRefresh: z.enum(['true', 'false']).optional() }),
  },
  responses: { 200: { description: 'The finished run(s)', content: { 'application/json': { schema: z.object({ runs: z.array(ModelRunSummary) }) } } }, ...problemResponses },
});

const runs = createRoute({
  method: 'get',
  path: '/v1/sync-runs',
  summary: 'The run log, newest first',
  security: [{ bearer: [] }],
  request: { query: z.object({ model: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).optional() }) },
  responses: { 200: { description: 'Runs', content: { 'application/json': { schema: z.object({ runs: z.array(ModelRunSummary) }) } } }, ...problemResponses },
});

const quarantine = createRoute({
  method: 'get',
  path: '/v1/quarantine',
  summary: 'Rows that failed their contract, with the reason (admin)',
  security: [{ bearer: [] }],
  request: { query: z.object({ model: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }) },
  responses: { 200: { description: 'Quarantined rows', content: { 'application/json': { schema: z.object({ rows: z.array(QuarantinedRow) }) } } }, ...problemResponses },
});

const replay = createRoute({
  method: 'post',
  path: '/v1/quarantine/replay',
  summary: "Put a model's quarantined rows through the contract again after a fix (admin)",
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ model: z.string().min(1) }) } } } },
  responses: {
    200: {
      description: 'What the replay did',
      content: { 'application/json': { schema: z.object({ runId: z.number(), model: z.string(), replayed: z.number(), accepted: z.number(), stillQuarantined: z.number() }) } },
    },
    ...problemResponses,
  },
});

export const modelRoutes = createRouter()
  .openapi(list, async (c) => c.json({ models: await modelStatuses(c.var.deps.store.db, c.var.deps.config) }, 200))
  .openapi(run, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const { name } = c.req.valid('param');
    const { config, store } = c.var.deps;
    if (name !== 'all' && !config.models.some((m) => m.name === name)) throw new AppError(404, 'not_found', `No model named "${name}".`);
    const before = await listRuns(store.db, { limit: 1 });
    await c.var.deps.runModels(name === 'all' ? undefined : [name], { fullRefresh: c.req.valid('query').fullRefresh === 'true' });
    const after = await listRuns(store.db, { limit: 500 });
    const firstNew = Number(before[0]?.id ?? 0);
    return c.json({ runs: after.filter((r) => Number(r.id) > firstNew).reverse() }, 200);
  })
  .openapi(runs, async (c) => c.json({ runs: await listRuns(c.var.deps.store.db, c.req.valid('query')) }, 200))
  .openapi(quarantine, async (c) => {
    requireRole(c.var.caller, ['admin']);
    return c.json({ rows: await listQuarantine(c.var.deps.store.db, c.req.valid('query')) }, 200);
  })
  .openapi(replay, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const { model } = c.req.valid('json');
    const { config, store } = c.var.deps;
    if (!config.models.some((m) => m.name === model)) throw new AppError(404, 'not_found', `No model named "${model}".`);
    return c.json(await c.var.deps.serialise(() => replayQuarantine(store.db, config, model)), 200);
  });
