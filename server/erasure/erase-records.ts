import { sql, type Kysely } from 'kysely';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import type { ErasureKeys } from './erasure-digests.ts';
import type { ErasureTarget } from './find-person.ts';
import { redactStoredActivity } from './redact-stored-activity.ts';
import { erasedAmong, scrubEmails } from './redact-row.ts';

export interface RecordsErased {
  deleted: number;
  redacted: number;
  scrubbed: number;
  /** Entities whose records changed (their contexts are computed again). */
  touchedEntityIds: string[];
}

export type StoredRow = { id: number; model: string; kind: string; source_id: string; payload: Record<string, unknown>; properties: Record<string, unknown>; account_entity_id: string | null; person_entity_id: string | null };
const ROW = ['id', 'model', 'kind', 'source_id', 'payload', 'properties', 'account_entity_id', 'person_entity_id'] as const;

/**
 * The source records: the person's own are deleted (their identifiers and links go with them); their
 * activity stays without them, as a later sync would store it (`redactActivity`); any other record holding
 * one of their addresses, or a shared-id link to their records, loses it.
 */
export async function eraseRecords(trx: Kysely<Database>, config: SidelightConfig, keys: ErasureKeys, target: ErasureTarget): Promise<RecordsErased> {
  const personKeys = target.records.map((r) => `${r.source}|${r.source_id}`);
  const touched = new Set<string>();
  const deleted = target.records.length ? (await trx.deleteFrom('source_records').where(sql<boolean>`id = any(${target.records.map((r) => r.id)}::bigint[])`).executeTakeFirst()).numDeletedRows : 0n;

  const activity = await trx
    .selectFrom('source_records as r')
    .select(ROW)
    .where('r.kind', 'not in', ['users', 'accounts'])
    .where((eb) =>
      eb.or([
        sql<boolean>`r.person_ref is not null and r.source || '|' || r.person_ref = any(${personKeys}::text[])`,
        sql<boolean>`lower(trim(r.payload->>'requester_email')) = any(${target.emails}::text[])`,
        sql<boolean>`r.person_entity_id = any(${target.entityIds}::text[])`,
      ]),
    )
    .orderBy('r.id')
    .execute();
  const redacted = await redactStoredActivity(trx, config, keys, activity, target.emails);
  for (const r of activity) if (r.account_entity_id) touched.add(r.account_entity_id);

  const scrubbed = await scrubOtherRecords(trx, config, keys, target, personKeys);
  for (const r of scrubbed) for (const id of [r.account_entity_id, r.person_entity_id]) if (id) touched.add(id);
  return { deleted: Number(deleted), redacted, scrubbed: scrubbed.length, touchedEntityIds: [...touched].sort() };
}

/** Records of others that hold an erased address in any value, or a shared-id link to an erased record. */
async function scrubOtherRecords(trx: Kysely<Database>, config: SidelightConfig, keys: ErasureKeys, target: ErasureTarget, personKeys: readonly string[]): Promise<StoredRow[]> {
  if (target.emails.length === 0 && personKeys.length === 0) return [];
  const mentions = target.emails.map((e) => sql<boolean>`strpos(lower(r.payload::text), ${e}) > 0 or strpos(lower(r.properties::text), ${e}) > 0`);
  const links = sql<boolean>`exists (select 1 from jsonb_array_elements(r.same_as) s where (s->>'source') || '|' || (s->>'id') = any(${personKeys}::text[]))`;
  const rows = await trx
    .selectFrom('source_records as r')
    .select([...ROW, 'r.same_as'])
    .where(sql<boolean>`(${sql.join([...mentions, links], sql` or `)})`)
    .orderBy('r.id')
    .execute();
  const isErased = erasedAmong(target.emails);
  const erasedRecord = new Set(target.records.map((r) => keys.record(r.source, r.source_id)));
  const changed: (StoredRow & { same_as: { source: string; id: string }[] })[] = [];
  for (const row of rows) {
    const sameAs = row.same_as.filter((s) => !erasedRecord.has(keys.record(s.source, s.id)));
    let properties = scrubEmails(row.properties, isErased);
    // The column that carried the link keeps the erased id as a property: it goes too.
    const model = config.models.find((m) => m.name === row.model);
    for (const { column, source } of model?.sameAs ?? []) {
      if (erasedRecord.has(keys.record(source, properties[column]))) properties = { ...properties, [column]: null };
    }
    changed.push({ ...row, payload: scrubEmails(row.payload, isErased), properties, same_as: sameAs });
  }
  if (changed.length) {
    await sql`update source_records r set payload = x.payload, properties = x.properties, same_as = x.same_as
      from jsonb_to_recordset(${JSON.stringify(changed.map((c) => ({ id: c.id, payload: c.payload, properties: c.properties, same_as: c.same_as })))}::jsonb)
        as x(id bigint, payload jsonb, properties jsonb, same_as jsonb)
      where r.id = x.id`.execute(trx);
    await sql`delete from record_identifiers where type = 'email' and value = any(${[...target.emails]}::text[])`.execute(trx);
  }
  return changed;
}
