import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErasureFeed, ErasureRequest, ErasureResult } from '../../../lib/contract/index.ts';
import { erasePerson } from '../../erasure/erase-person.ts';
import { listErasures } from '../../erasure/list-erasures.ts';
import { requireRole } from '../auth.ts';
import { missError } from '../identity-errors.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const erase = createRoute({
  method: 'post',
  path: '/v1/erasures',
  summary:
    "Erase a person (GDPR art. 17; admin; audited without the address): their records, their activity's personal values, history, audit, " +
    'quarantine and review entries; remembered as keyed digests so no later sync brings them back. `dryRun` lists what would go.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: ErasureRequest } } } },
  responses: {
    200: { description: 'Erased (or, with dryRun, what would be)', content: { 'application/json': { schema: ErasureResult } } },
    403: { description: 'Not an admin' },
    404: { description: 'No person entity with this id; nothing changed' },
    ...problemResponses,
  },
});

const feed = createRoute({
  method: 'get',
  path: '/v1/erasures',
  summary: 'Erasures after a cursor, oldest first (every role): the entity ids whose cached contexts a client must drop; never an address',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: { description: 'Erasures; pass `cursor` as `after` next time', content: { 'application/json': { schema: ErasureFeed } } }, ...problemResponses },
});

export const erasureRoutes = createRouter()
  .openapi(erase, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const { email, personId, dryRun } = c.req.valid('json');
    const { store, config, serialise } = c.var.deps;
    const subject = email !== undefined ? { email } : { personId: personId! };
    // In turn with model runs: on an embedded store they share its one connection.
    const outcome = await serialise(() => erasePerson(store.db, config, subject, c.var.caller, { dryRun: dryRun ?? false }));
    if (!outcome.ok) throw missError(outcome);
    const { ok: _ok, ...result } = outcome;
    return c.json(result, 200);
  })
  .openapi(feed, async (c) => c.json(await listErasures(c.var.deps.store.db, c.req.valid('query')), 200));
