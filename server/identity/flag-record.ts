import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Flag, FlagRequest } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database, PriorLink } from '../store/schema.ts';
import { writeAudit } from './audit.ts';
import { splitEntityId } from './entity-ids.ts';
import { loadImpactRows, propertyImpact } from './flag-impact.ts';
import { appendHistory } from './identity-history.ts';
import { miss, type IdentityMiss } from './identity-miss.ts';
import { toFlag } from './list-flags.ts';
import { recordKey, recordKindOf } from './record-keys.ts';
import { resolveScope } from './resolve-scope.ts';
import { labelRecord, openReviewItem } from './review-items.ts';

export interface FlagOutcome {
  ok: true;
  /** False when the record already had a flag in force against this entity: that flag is returned. */
  created: boolean;
  flag: Flag;
  touchedEntityIds: string[];
}

/**
 * Splits a record out of an entity at once: a must-not-link between the record and the entity's other
 * members, the entity re-resolved with it (the record gets the flag's split id, the rest keeps the entity's
 * id), activity re-pointed, and a review item with the property values that change. Runs inside the
 * identity lock, so a concurrent flag of the same record finds this one.
 */
export async function flagRecord(trx: Kysely<Database>, config: SidelightConfig, request: FlagRequest, actor: { name: string }): Promise<FlagOutcome | IdentityMiss> {
  const { kind, id: entityId } = request.entity;
  const key = recordKey(request.record.source, request.record.sourceId);
  const entity = await trx.selectFrom('entities').select(['id']).where('id', '=', entityId).where('kind', '=', kind).executeTakeFirst();
  const records = await trx
    .selectFrom('source_records as r')
    .leftJoin('entity_links as l', 'l.record_id', 'r.id')
    .select(['r.id', 'l.entity_id'])
    .where('r.source', '=', request.record.source)
    .where('r.source_id', '=', request.record.sourceId)
    .where('r.kind', '=', recordKindOf(kind))
    .orderBy('r.id')
    .execute();
  const existing = await trx
    .selectFrom('identity_flags')
    .selectAll()
    .where('status', '=', 'applied')
    .where('entity_kind', '=', kind)
    .where('record_source', '=', request.record.source)
    .where('record_source_id', '=', request.record.sourceId)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  if (existing) return { ok: true, created: false, flag: toFlag(existing), touchedEntityIds: [] };
  if (!entity) return miss('unknown_entity', `No ${kind} entity ${entityId}.`);
  if (records.length === 0) return miss('unknown_record', `No ${kind} record ${request.record.sourceId} in source ${request.record.source}.`);
  const record = records.find((r) => r.entity_id === entityId);
  if (!record) return miss('not_a_member', `The ${request.record.source} record ${request.record.sourceId} is not part of ${entityId}.`);

  const prior = await trx
    .selectFrom('entity_links as l')
    .innerJoin('source_records as r', 'r.id', 'l.record_id')
    // The date as text keeps PostgreSQL's microseconds, so an undo writes back the very value.
    .select(['l.record_id', 'l.entity_id', 'l.entity_kind', 'l.rule', 'l.score', 'l.explanation', 'l.decided_by', sql<string>`l.decided_at::text`.as('decided_at'), 'r.source', 'r.source_id'])
    .where('l.entity_id', '=', entityId)
    .orderBy('l.record_id')
    .execute();
  const others = prior.filter((p) => p.record_id !== record.id);
  if (others.length === 0) return miss('single_record', `${entityId} has no other record to split ${request.record.sourceId} from.`);
  const priorLinks: PriorLink[] = prior.map((p) => ({
    record_id: p.record_id,
    entity_id: p.entity_id,
    entity_kind: p.entity_kind,
    rule: p.rule,
    score: p.score,
    explanation: p.explanation,
    decided_by: p.decided_by,
    decided_at: p.decided_at,
  }));

  const flagId = `flg_${randomBytes(8).toString('hex')}`;
  const splitId = splitEntityId(kind, key, entityId);
  const otherKeys = [...new Set(others.map((p) => recordKey(p.source, p.source_id)))].filter((k) => k !== key);
  await trx
    .insertInto('identity_flags')
    .values({
      id: flagId,
      status: 'applied',
      entity_kind: kind,
      record_source: request.record.source,
      record_source_id: request.record.sourceId,
      entity_id: entityId,
      split_entity_id: splitId,
      note: request.note ?? null,
      created_by: actor.name,
      prior_links: JSON.stringify(priorLinks),
    })
    .execute();
  await trx
    .insertInto('link_constraints')
    .values({ kind: 'must_not_link', entity_kind: kind, record_key: key, other_keys: JSON.stringify(otherKeys), flag_id: flagId, created_by: actor.name })
    .execute();

  const resolved = await resolveScope(trx, config, { recordIds: prior.map((p) => p.record_id), actor: actor.name });
  const stillIn = resolved.links.filter((l) => l.entityId === entityId).map((l) => l.recordId);
  const [before, after] = [await loadImpactRows(trx, prior.map((p) => p.record_id)), await loadImpactRows(trx, stillIn)];
  const flagged = prior.find((p) => p.record_id === record.id)!;
  const reviewItemId = await openReviewItem(trx, {
    kind: 'flag',
    entityKind: kind,
    entityId,
    records: [
      labelRecord(config, kind, request.record),
      ...others.slice(0, 50).map((p) => labelRecord(config, kind, { source: p.source, sourceId: p.source_id })),
    ],
    evidence: { rule: flagged.rule, score: flagged.score, explanation: flagged.explanation },
    impact: propertyImpact(config, kind, before, after),
    flagId,
  });
  const row = await trx.updateTable('identity_flags').set({ review_item_id: reviewItemId }).where('id', '=', flagId).returningAll().executeTakeFirstOrThrow();
  await appendHistory(trx, [
    { action: 'flag', actor: actor.name, entityKind: kind, entityId, recordKey: key, summary: `flagged as not part of this ${kind}; split into ${splitId}`, detail: { flagId, splitEntityId: splitId, reviewItemId } },
    { action: 'split', actor: actor.name, entityKind: kind, entityId: splitId, recordKey: key, summary: `split out of ${entityId}`, detail: { flagId, from: entityId } },
  ]);
  await writeAudit(trx, { actor: actor.name, action: 'flag.create', subject: flagId, detail: { record: request.record, entity: request.entity, splitEntityId: splitId, reviewItemId } });
  return { ok: true, created: true, flag: toFlag(row), touchedEntityIds: [...new Set([...resolved.touchedEntityIds, entityId, splitId])] };
}
