import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { LinkConstraints } from './link-constraints.ts';
import { recordKey } from './record-keys.ts';

/** Explanation of a split record's link: who split it out of which entity, and why. */
export const splitExplanation = (fromEntityId: string, by: string, note: string | null) =>
  `split out of ${fromEntityId} by ${by}${note ? `: ${note}` : ''}`;

/** The decisions in force: constraints not undone, and flags still applied (newest first). */
export async function loadConstraints(db: Kysely<Database>): Promise<LinkConstraints> {
  const rows = await db
    .selectFrom('link_constraints')
    .select(['id', 'kind', 'entity_kind', 'record_key', 'other_keys', 'flag_id', 'created_by', 'created_at'])
    .where('undone_at', 'is', null)
    .orderBy('id')
    .execute();
  const applied = await db
    .selectFrom('identity_flags')
    .select(['id', 'entity_kind', 'record_source', 'record_source_id', 'entity_id', 'split_entity_id', 'note', 'created_by', 'created_at'])
    .where('status', '=', 'applied')
    .execute();
  const membersOfFlag = new Map(rows.filter((r) => r.flag_id !== null).map((r) => [r.flag_id!, r.other_keys]));
  // Newest first in the order the flags were applied: their must-not-link's id is taken under the identity
  // lock. `created_at` is when the flag's transaction began, before it waited for the lock, so of two flags
  // of one entity sent at once the later-applied one can carry the earlier time, and the ids would go to
  // the wrong pieces.
  const appliedAs = new Map(rows.filter((r) => r.flag_id !== null).map((r) => [r.flag_id!, r.id]));
  const flags = applied.sort((a, b) => (appliedAs.get(b.id) ?? 0) - (appliedAs.get(a.id) ?? 0) || b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : -1));
  return {
    mustNotLink: rows.filter((r) => r.kind === 'must_not_link').map((r) => ({ entityKind: r.entity_kind, key: r.record_key, others: r.other_keys })),
    mustLink: rows
      .filter((r) => r.kind === 'must_link')
      .map((r) => ({ entityKind: r.entity_kind, key: r.record_key, others: r.other_keys, decidedBy: r.created_by, decidedAt: r.created_at })),
    splitsNewestFirst: flags.map((f) => ({
      kind: f.entity_kind,
      recordKey: recordKey(f.record_source, f.record_source_id),
      entityId: f.entity_id,
      splitEntityId: f.split_entity_id,
      members: membersOfFlag.get(f.id) ?? [],
      explanation: splitExplanation(f.entity_id, f.created_by, f.note),
      decidedBy: f.created_by,
      decidedAt: f.created_at,
    })),
  };
}
