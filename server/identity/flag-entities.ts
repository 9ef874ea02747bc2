import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * The entities a flag changed, as they are now: the entity it split, the split record's entity, and
 * wherever the entity's members of the time (its prior links) live today. Their precomputed contexts are
 * what a flag refreshes.
 */
export async function entitiesOfFlag(db: Kysely<Database>, flagId: string): Promise<string[]> {
  const flag = await db.selectFrom('identity_flags').select(['entity_id', 'split_entity_id', 'prior_links']).where('id', '=', flagId).executeTakeFirst();
  if (!flag) return [];
  const recordIds = flag.prior_links.map((p) => p.record_id);
  const now = recordIds.length
    ? await db.selectFrom('entity_links').select('entity_id').distinct().where('record_id', 'in', recordIds).execute()
    : [];
  return [...new Set([flag.entity_id, ...(flag.split_entity_id ? [flag.split_entity_id] : []), ...now.map((r) => r.entity_id)])];
}
