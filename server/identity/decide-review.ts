import { sql, type Kysely } from 'kysely';
import type { DecisionRequest, RecordRef, Role } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import { writeAudit } from './audit.ts';
import { appendHistory } from './identity-history.ts';
import { miss, type IdentityMiss } from './identity-miss.ts';
import { recordKey, recordKindOf, type EntityKind } from './record-keys.ts';
import { resolveScope } from './resolve-scope.ts';
import type { ReviewRow } from './review-items.ts';
import { undoFlag } from './undo-flag.ts';

/** Who decides review items (DESIGN section 7). */
export const DECIDE_ROLES: readonly Role[] = ['cs_rep', 'admin'];

const FITS: Record<ReviewRow['kind'], readonly DecisionRequest['decision'][]> = { flag: ['confirm', 'restore'], uncertain: ['merge', 'reject'] };

export interface DecisionOutcome {
  ok: true;
  item: ReviewRow;
  touchedEntityIds: string[];
}

/** Records of an item that still exist, with every record of the entities they are in now. */
async function recordsInScope(trx: Kysely<Database>, kind: EntityKind, refs: readonly RecordRef[]) {
  const found = await trx
    .selectFrom('source_records as r')
    .innerJoin('entity_links as l', 'l.record_id', 'r.id')
    .select(['r.id', 'r.source', 'r.source_id', 'l.entity_id'])
    .where('r.kind', '=', recordKindOf(kind))
    .where((eb) => eb.or(refs.map((ref) => eb.and([eb('r.source', '=', ref.source), eb('r.source_id', '=', ref.sourceId)]))))
    .execute();
  const entityIds = [...new Set(found.map((f) => f.entity_id))];
  const scope = entityIds.length
    ? await trx.selectFrom('entity_links').select('record_id').where(sql<boolean>`entity_id = any(${entityIds}::text[])`).execute()
    : [];
  return { keys: [...new Set(found.map((f) => recordKey(f.source, f.source_id)))], scope: scope.map((s) => s.record_id) };
}

/**
 * A cs_rep's or admin's decision on a review item. Flag items: `confirm` keeps the split, `restore` undoes
 * the flag. Uncertain items: `merge` stores a must-link between the records and resolves their entities
 * again, `reject` a must-not-link. An item is decided once.
 */
export async function decideReview(
  trx: Kysely<Database>,
  config: SidelightConfig,
  itemId: string,
  request: DecisionRequest,
  actor: { name: string; role: Role },
): Promise<DecisionOutcome | IdentityMiss> {
  if (!DECIDE_ROLES.includes(actor.role)) return miss('forbidden', `Only a cs_rep or an admin decides review items.`);
  const item = await trx.selectFrom('review_items').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
  if (!item) return miss('unknown_review_item', `No review item ${itemId}.`);
  if (item.status === 'decided') return miss('already_decided', `${itemId} was decided (${item.decision}) by ${item.decided_by} at ${item.decided_at?.toISOString()}.`);
  if (!FITS[item.kind].includes(request.decision)) {
    return miss('decision_not_applicable', `A ${item.kind} item takes ${FITS[item.kind].join(' or ')}, not ${request.decision}.`);
  }
  const note = request.note ?? null;
  let touched: string[] = [item.entity_id];

  if (request.decision === 'restore' && item.flag_id) {
    const undone = await undoFlag(trx, config, item.flag_id, actor, { decision: { reviewItemId: itemId, note } });
    if (!undone.ok && undone.reason !== 'already_undone') return undone;
    if (undone.ok) touched = undone.touchedEntityIds;
  }
  if (request.decision === 'merge' || request.decision === 'reject') {
    const { keys, scope } = await recordsInScope(trx, item.entity_kind, item.records);
    if (keys.length < 2) return miss('records_gone', `Fewer than two of the item's records still exist; nothing to ${request.decision}.`);
    const [first, ...rest] = keys as [string, ...string[]];
    const active = await trx
      .selectFrom('link_constraints')
      .select(['id', 'kind', 'record_key', 'other_keys'])
      .where('entity_kind', '=', item.entity_kind)
      .where('undone_at', 'is', null)
      .execute();
    const pairs = (c: { record_key: string; other_keys: string[] }) => keys.some((a) => keys.some((b) => a !== b && c.record_key === a && c.other_keys.includes(b)));
    const opposite = request.decision === 'merge' ? 'must_not_link' : 'must_link';
    const conflicts = active.filter((c) => c.kind === opposite && pairs(c));
    // A merge never overrides a flag or a rejection; a rejection withdraws an earlier merge of the same records.
    if (request.decision === 'merge' && conflicts.length) {
      return miss('conflicting_decision', `A flag or an earlier rejection keeps some of these records apart; undo it first.`);
    }
    for (const c of conflicts) await trx.updateTable('link_constraints').set({ undone_by: actor.name, undone_at: sql`now()` }).where('id', '=', c.id).execute();
    await trx
      .insertInto('link_constraints')
      .values({
        kind: request.decision === 'merge' ? 'must_link' : 'must_not_link',
        entity_kind: item.entity_kind,
        record_key: first,
        other_keys: JSON.stringify(rest),
        review_item_id: itemId,
        created_by: actor.name,
      })
      .execute();
    const resolved = await resolveScope(trx, config, { recordIds: scope, actor: actor.name });
    touched = [...new Set([...touched, ...resolved.touchedEntityIds])];
    const merged = request.decision === 'merge' ? resolved.links.find((l) => scope.includes(l.recordId) && l.rule === 'manual_merge') : undefined;
    await appendHistory(trx, [
      {
        action: request.decision === 'merge' ? 'merge' : 'decision',
        actor: actor.name,
        entityKind: item.entity_kind,
        entityId: merged?.entityId ?? item.entity_id,
        recordKey: first,
        summary: request.decision === 'merge' ? `merged ${keys.length} records (review ${itemId})` : `kept ${keys.length} records apart (review ${itemId})`,
        detail: { reviewItemId: itemId, records: keys.length },
      },
    ]);
  }

  const decided = await trx
    .updateTable('review_items')
    .set({ status: 'decided', decision: request.decision, decided_by: actor.name, decided_at: sql`now()`, note })
    .where('id', '=', itemId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendHistory(trx, [
    { action: 'decision', actor: actor.name, entityKind: item.entity_kind, entityId: item.entity_id, recordKey: null, summary: `review ${itemId}: ${request.decision}`, detail: { reviewItemId: itemId, decision: request.decision, flagId: item.flag_id } },
  ]);
  await writeAudit(trx, { actor: actor.name, action: 'review.decide', subject: itemId, detail: { decision: request.decision, kind: item.kind, flagId: item.flag_id } });
  return { ok: true, item: decided, touchedEntityIds: touched };
}
