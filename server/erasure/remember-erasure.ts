import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { ErasureKeys } from './erasure-digests.ts';
import type { ErasureTarget } from './find-person.ts';

/**
 * Writes the erasure row and the digests every later sync checks: each address and each record of the
 * person (`source|source_id`). Also returns the entities that ever showed the person: their current
 * entities, every entity the history put their records in, and the entities their flags split them into.
 */
export async function rememberErasure(trx: Kysely<Database>, keys: ErasureKeys, target: ErasureTarget, actor: string) {
  const recordKeys = target.records.map((r) => `${r.source}|${r.source_id}`);
  const shown = await sql<{ entity_id: string }>`
    select entity_id from identity_history where entity_kind = 'person' and entity_id is not null and record_key = any(${recordKeys}::text[])
    union select entity_id from identity_flags where entity_kind = 'person' and record_source || '|' || record_source_id = any(${recordKeys}::text[])
    union select split_entity_id from identity_flags where entity_kind = 'person' and record_source || '|' || record_source_id = any(${recordKeys}::text[])`.execute(trx);
  const entityIds = [...new Set([...target.entityIds, ...shown.rows.map((r) => r.entity_id)])].sort();
  const erasure = await trx
    .insertInto('erasures')
    .values({ actor, entity_ids: JSON.stringify(entityIds), counts: '{}' })
    .returning(['id', 'at'])
    .executeTakeFirstOrThrow();
  const digests = new Set([
    ...target.emails.map((e) => keys.email(e)),
    ...target.records.map((r) => keys.record(r.source, r.source_id)),
  ].filter((d): d is string => d !== null));
  if (digests.size) {
    await sql`insert into erased_values (digest, erasure_id) select unnest(${[...digests]}::text[]), ${erasure.id} on conflict (digest) do nothing`.execute(trx);
  }
  return { id: erasure.id, at: erasure.at, entityIds, digests };
}
