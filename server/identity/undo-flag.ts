import { sql, type Kysely } from 'kysely';
import type { Flag, Role } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import { writeAudit } from './audit.ts';
import { appendHistory } from './identity-history.ts';
import { miss, type IdentityMiss } from './identity-miss.ts';
import { toFlag } from './list-flags.ts';
import { recordKey, recordKindOf } from './record-keys.ts';
import { resolveScope } from './resolve-scope.ts';

/** Who may undo a flag besides the person who made it (DESIGN section 7). */
export const UNDO_ROLES: readonly Role[] = ['cs_rep', 'admin'];

export interface UndoOutcome {
  ok: true;
  flag: Flag;
  touchedEntityIds: string[];
}

/**
 * Undoes a flag: its must-not-link goes, and the pieces of the entity (the entity, the split record's
 * entity, wherever the entity's members are now) are resolved again without it. Links that come out as
 * they were before the flag get their rows back exactly (rule, explanation, who and when), so with
 * unchanged data the link set is the one the flag replaced — in whichever order the flags of one entity
 * are undone. The flag's review item is closed as "restore".
 */
export async function undoFlag(
  trx: Kysely<Database>,
  config: SidelightConfig,
  flagId: string,
  actor: { name: string; role: Role },
  options: { decision?: { reviewItemId: string; note: string | null } } = {},
): Promise<UndoOutcome | IdentityMiss> {
  const flag = await trx.selectFrom('identity_flags').selectAll().where('id', '=', flagId).executeTakeFirst();
  if (!flag) return miss('unknown_flag', `No flag ${flagId}.`);
  if (flag.created_by !== actor.name && !UNDO_ROLES.includes(actor.role)) {
    return miss('forbidden', `Only ${flag.created_by} (who flagged it), a cs_rep or an admin may undo this flag.`);
  }
  if (flag.status === 'undone') return miss('already_undone', `Flag ${flagId} was undone by ${flag.undone_by} at ${flag.undone_at?.toISOString()}.`);

  const undone = await trx
    .updateTable('identity_flags')
    .set({ status: 'undone', undone_by: actor.name, undone_at: sql`now()` })
    .where('id', '=', flagId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.updateTable('link_constraints').set({ undone_by: actor.name, undone_at: sql`now()` }).where('flag_id', '=', flagId).where('undone_at', 'is', null).execute();

  const prior = flag.prior_links;
  const priorIds = prior.map((p) => p.record_id);
  const flagged = await trx
    .selectFrom('source_records')
    .select('id')
    .where('source', '=', flag.record_source)
    .where('source_id', '=', flag.record_source_id)
    .where('kind', '=', recordKindOf(flag.entity_kind))
    .execute();
  const pieces = await trx
    .selectFrom('entity_links')
    .select('entity_id')
    .distinct()
    .where(sql<boolean>`record_id = any(${[...priorIds, ...flagged.map((f) => f.id)]}::bigint[])`)
    .execute();
  const entityIds = [...new Set([flag.entity_id, flag.split_entity_id, ...pieces.map((p) => p.entity_id)])];
  const scope = await trx.selectFrom('entity_links').select('record_id').where(sql<boolean>`entity_id = any(${entityIds}::text[])`).execute();
  // What other flags of these entities replaced, so the older of two flags can be undone first.
  const others = await trx
    .selectFrom('identity_flags')
    .select('prior_links')
    .where('id', '<>', flagId)
    .where(sql<boolean>`(entity_id = any(${entityIds}::text[]) or split_entity_id = any(${entityIds}::text[]))`)
    .orderBy('created_at', 'desc')
    .execute();
  const resolved = await resolveScope(trx, config, {
    recordIds: scope.map((s) => s.record_id),
    actor: actor.name,
    restore: new Map(prior.map((p) => [p.record_id, p])),
    earlier: Map.groupBy(
      others.flatMap((o) => o.prior_links),
      (p) => p.record_id,
    ),
  });

  const key = recordKey(flag.record_source, flag.record_source_id);
  if (flag.review_item_id) {
    await trx
      .updateTable('review_items')
      .set({ status: 'decided', decision: 'restore', decided_by: actor.name, decided_at: sql`now()`, note: options.decision?.note ?? 'flag undone' })
      .where('id', '=', flag.review_item_id)
      .where('status', '=', 'open')
      .execute();
  }
  await appendHistory(trx, [
    {
      action: 'undo',
      actor: actor.name,
      entityKind: flag.entity_kind,
      entityId: flag.entity_id,
      recordKey: key,
      summary: `flag ${flagId} undone; the record is resolved again without it`,
      detail: { flagId, splitEntityId: flag.split_entity_id, ...(options.decision ? { reviewItemId: options.decision.reviewItemId } : {}) },
    },
  ]);
  await writeAudit(trx, { actor: actor.name, action: 'flag.undo', subject: flagId, detail: { record: { source: flag.record_source, sourceId: flag.record_source_id }, entityId: flag.entity_id } });
  return { ok: true, flag: toFlag(undone), touchedEntityIds: [...new Set([...resolved.touchedEntityIds, flag.entity_id, flag.split_entity_id])] };
}
