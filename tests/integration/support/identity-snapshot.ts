import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../server/store/schema.ts';

/** Every link row (dates to the microsecond), every entity, and where every record points: what an undo must give back. */
export async function identitySnapshot(db: Kysely<Database>) {
  const links = await db
    .selectFrom('entity_links')
    .select(['record_id', 'entity_id', 'entity_kind', 'rule', 'score', 'explanation', 'decided_by', sql<string>`decided_at::text`.as('decided_at')])
    .orderBy('record_id')
    .execute();
  const entities = await db.selectFrom('entities').select(['id', 'kind', 'name', 'detail']).orderBy('id').execute();
  const pointers = await db.selectFrom('source_records').select(['id', 'person_entity_id', 'account_entity_id']).orderBy('id').execute();
  return { links, entities, pointers };
}
