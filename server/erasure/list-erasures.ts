import type { Kysely } from 'kysely';
import type { ErasureFeed } from '../../lib/contract/index.ts';
import type { Database } from '../store/schema.ts';

/** Erasures after `after`, oldest first, with the entity ids whose copies must go (no personal value). */
export async function listErasures(db: Kysely<Database>, options: { after?: number | undefined; limit: number }): Promise<ErasureFeed> {
  let query = db.selectFrom('erasures').select(['id', 'at', 'entity_ids']).orderBy('id').limit(options.limit);
  if (options.after !== undefined) query = query.where('id', '>', options.after);
  const rows = await query.execute();
  const last = rows.at(-1)?.id ?? options.after ?? null;
  return {
    erasures: rows.map((r) => ({ id: String(r.id), at: r.at.toISOString(), entityIds: r.entity_ids })),
    cursor: last === null ? null : String(last),
  };
}
