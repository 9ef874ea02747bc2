import { sql, type Kysely, type Selectable } from 'kysely';
import type { Flag } from '../../lib/contract/index.ts';
import type { Database, IdentityFlagsTable } from '../store/schema.ts';

export type FlagRow = Selectable<IdentityFlagsTable>;

export function toFlag(row: FlagRow): Flag {
  return {
    id: row.id,
    status: row.status,
    record: { source: row.record_source, sourceId: row.record_source_id },
    entity: { kind: row.entity_kind, id: row.entity_id },
    splitEntityId: row.split_entity_id,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    undoneAt: row.undone_at?.toISOString() ?? null,
    reviewItemId: row.review_item_id,
  };
}

/** Flags of an entity (the one a record was split out of, or the one it was split into), newest first. */
export async function listFlags(db: Kysely<Database>, filter: { entityId?: string; status?: Flag['status']; limit?: number }): Promise<Flag[]> {
  let query = db.selectFrom('identity_flags').selectAll();
  if (filter.entityId) query = query.where((eb) => eb.or([eb('entity_id', '=', filter.entityId!), eb('split_entity_id', '=', filter.entityId!)]));
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 500).execute();
  return rows.map(toFlag);
}

/**
 * The flags still in force on the given entities, as the sidebar's matches card shows them (with their
 * undo): records split out of these entities, and the records these entities were split off as.
 */
export async function loadFlagsInForce(db: Kysely<Database>, entityIds: readonly string[]): Promise<Flag[]> {
  if (entityIds.length === 0) return [];
  const ids = [...entityIds];
  const rows = await db
    .selectFrom('identity_flags')
    .selectAll()
    .where('status', '=', 'applied')
    .where(sql<boolean>`(entity_id = any(${ids}::text[]) or split_entity_id = any(${ids}::text[]))`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toFlag);
}
