import { createRoute } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Flag, FlagList, FlagRequest, IdempotencyKey } from '../../../lib/contract/index.ts';
import type { SidelightConfig } from '../../config/schema.ts';
import { refreshContexts } from '../../context/refresh-contexts.ts';
import { entitiesOfFlag } from '../../identity/flag-entities.ts';
import { flagRecord } from '../../identity/flag-record.ts';
import { findIdempotent, requestHash, storeIdempotent } from '../../identity/idempotency.ts';
import { withIdentityLock } from '../../identity/identity-lock.ts';
import { listFlags } from '../../identity/list-flags.ts';
import { undoFlag } from '../../identity/undo-flag.ts';
import type { Database } from '../../store/schema.ts';
import { AppError } from '../errors.ts';
import { missError } from '../identity-errors.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const problems = {
  ...problemResponses,
  403: { description: 'The caller may not do this' },
  404: { description: 'Unknown record, entity or flag, or the record is not part of the entity; nothing changed' },
  409: { description: 'The state forbids it (already undone, nothing to split from); nothing changed' },
} as const;

const create = createRoute({
  method: 'post',
  path: '/v1/flags',
  summary: 'Flag a wrong match: the record is split out of the entity at once and a review item opens (every role)',
  security: [{ bearer: [] }],
  request: {
    headers: z.object({ 'idempotency-key': IdempotencyKey }),
    body: { required: true, content: { 'application/json': { schema: FlagRequest } } },
  },
  responses: {
    201: json(Flag, 'Split; the same key and body answer this again'),
    200: json(Flag, 'The record already has a flag in force against this entity: that flag'),
    ...problems,
    422: { description: 'The Idempotency-Key was used with a different request' },
  },
});

const undo = createRoute({
  method: 'post',
  path: '/v1/flags/{id}/undo',
  summary: 'Undo a flag: the record goes back exactly as it was (the flagger, a cs_rep or an admin)',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 200: json(Flag, 'Undone'), ...problems },
});

const list = createRoute({
  method: 'get',
  path: '/v1/flags',
  summary: 'Flags, newest first: of one entity (split from it or into it) when `entity` is given',
  security: [{ bearer: [] }],
  request: { query: z.object({ entity: z.string().min(1).max(100).optional(), status: z.enum(['applied', 'undone']).optional() }) },
  responses: { 200: json(FlagList, 'Flags'), ...problemResponses },
});

const ROUTE = 'POST /v1/flags';

/**
 * Brings a flag's contexts up to date when a request comes again after its first answer was lost: the first
 * may have died (a killed server, a deploy) between its commit and its context refresh.
 */
const refreshAfterRetry = async (db: Kysely<Database>, config: SidelightConfig, flagId: string) =>
  refreshContexts(db, config, { entityIds: await entitiesOfFlag(db, flagId) });

export const flagRoutes = createRouter()
  .openapi(create, async (c) => {
    const { store, config } = c.var.deps;
    const caller = c.var.caller;
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const hash = requestHash(ROUTE, body);
    const outcome = await withIdentityLock(store.db, async (trx) => {
      const earlier = await findIdempotent(trx, caller.id, key, hash);
      if (earlier.kind !== 'new') return earlier;
      const result = await flagRecord(trx, config, body, caller);
      if (result.ok) await storeIdempotent(trx, { tokenId: caller.id, key, hash, status: result.created ? 201 : 200, body: result.flag });
      return result;
    });
    if ('kind' in outcome) {
      if (outcome.kind === 'mismatch') throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was sent with a different request; use a new key for a new flag.');
      // Stored as jsonb, which orders keys its own way: parsed again, the replay is byte for byte the first answer.
      const flag = Flag.parse(outcome.body);
      // Its client retries because it got no answer.
      await refreshAfterRetry(store.db, config, flag.id);
      return c.json(flag, outcome.status as 201);
    }
    if (!outcome.ok) throw missError(outcome);
    if (outcome.touchedEntityIds.length) await refreshContexts(store.db, config, { entityIds: outcome.touchedEntityIds });
    return c.json(outcome.flag, outcome.created ? 201 : 200);
  })
  .openapi(undo, async (c) => {
    const { store, config } = c.var.deps;
    const id = c.req.valid('param').id;
    const outcome = await withIdentityLock(store.db, (trx) => undoFlag(trx, config, id, c.var.caller));
    if (!outcome.ok) {
      // Perhaps a retried undo, whose first answer was lost.
      if (outcome.reason === 'already_undone') await refreshAfterRetry(store.db, config, id);
      throw missError(outcome);
    }
    await refreshContexts(store.db, config, { entityIds: outcome.touchedEntityIds });
    return c.json(outcome.flag, 200);
  })
  .openapi(list, async (c) => {
    const { entity, status } = c.req.valid('query');
    return c.json({ flags: await listFlags(c.var.deps.store.db, { ...(entity ? { entityId: entity } : {}), ...(status ? { status } : {}) }) }, 200);
  });
