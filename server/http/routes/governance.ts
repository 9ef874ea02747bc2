import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AuditEntry, QualityReport } from '../../../lib/contract/index.ts';
import { requireRole } from '../auth.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const quality = createRoute({
  method: 'get',
  path: '/v1/quality',
  summary: 'The data-quality checks of the last sync: references that lead nowhere, orphans, contradictions, counts',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'Checks', content: { 'application/json': { schema: QualityReport } } }, ...problemResponses },
});

const audit = createRoute({
  method: 'get',
  path: '/v1/audit',
  summary: 'The audit log, newest first (admin): every write and every token use',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      actor: z.string().max(200).optional(),
      action: z.string().max(100).optional(),
      before: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: { description: 'Entries; pass the last id as `before` for the next page', content: { 'application/json': { schema: z.object({ entries: z.array(AuditEntry) }) } } },
    403: { description: 'Not an admin' },
    ...problemResponses,
  },
});

export const governanceRoutes = createRouter()
  .openapi(quality, async (c) => {
    const rows = await c.var.deps.store.db.selectFrom('quality_results').selectAll().orderBy('check').orderBy('model').execute();
    const checkedAt = rows.reduce<Date | null>((max, r) => (max === null || r.checked_at > max ? r.checked_at : max), null);
    return c.json(
      {
        checkedAt: checkedAt?.toISOString() ?? null,
        checks: rows.map((r) => ({ check: r.check, label: r.label, model: r.model, status: r.status, count: r.count, samples: r.samples })),
      },
      200,
    );
  })
  .openapi(audit, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const { actor, action, before, limit } = c.req.valid('query');
    let query = c.var.deps.store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
    if (actor) query = query.where('actor', '=', actor);
    if (action) query = query.where('action', '=', action);
    if (before) query = query.where('id', '<', before);
    const rows = await query.execute();
    return c.json(
      { entries: rows.map((r) => ({ id: String(r.id), at: r.at.toISOString(), actor: r.actor, action: r.action, subject: r.subject, detail: r.detail })) },
      200,
    );
  });
