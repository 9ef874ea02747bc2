import { sql, type Kysely } from 'kysely';
import type { ModelKind } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { shapeRecord } from '../models/record-shape.ts';
import type { Database } from '../store/schema.ts';
import type { ErasureKeys } from './erasure-digests.ts';
import type { StoredRow } from './erase-records.ts';
import { erasedAmong, PERSON_FIELD, redactActivity, scrubEmails } from './redact-row.ts';

/**
 * The person's activity as the store keeps it (`redactActivity`), named as a later sync will name it, so a
 * re-read lands on the same record. Two rows that differed only in what was removed become one, as a sync
 * would store them; a model gone from the configuration loses the row (nothing would refresh it).
 */
export async function redactStoredActivity(trx: Kysely<Database>, config: SidelightConfig, keys: ErasureKeys, rows: readonly StoredRow[], emails: readonly string[]): Promise<number> {
  const isErased = erasedAmong(emails);
  const updates: { id: number; source_id: string; payload: unknown; identifiers: { type: string; value: string }[] }[] = [];
  const drop: number[] = [];
  const taken = new Set<string>();
  for (const row of rows) {
    const model = config.models.find((m) => m.name === row.model);
    const kind = row.kind as ModelKind;
    const field = PERSON_FIELD[kind];
    if (!model || !field) {
      drop.push(row.id);
      continue;
    }
    const person = row.payload[field];
    const tombstone = person === null || person === undefined ? null : keys.tombstone(model.source, String(person));
    const kept = scrubEmails(redactActivity(kind, row.payload, tombstone), isErased);
    const shaped = shapeRecord(model, config.sources[model.source]!.app, kept, kept);
    if (taken.has(`${row.model}|${shaped.sourceId}`)) drop.push(row.id);
    else updates.push({ id: row.id, source_id: shaped.sourceId, payload: shaped.payload, identifiers: shaped.identifiers });
    taken.add(`${row.model}|${shaped.sourceId}`);
  }
  if (updates.length) {
    const ids = updates.map((u) => u.id);
    // A row erased before with the same content already holds the name: keep that one.
    const clash = await sql<{ id: number }>`select x.id from jsonb_to_recordset(${JSON.stringify(updates.map((u) => ({ id: u.id, source_id: u.source_id })))}::jsonb) as x(id bigint, source_id text)
      join source_records mine on mine.id = x.id
      where exists (select 1 from source_records other where other.model = mine.model and other.source_id = x.source_id and other.id <> all(${ids}::bigint[]))`.execute(trx);
    const clashing = new Set(clash.rows.map((c) => Number(c.id)));
    drop.push(...clashing);
    const kept = updates.filter((u) => !clashing.has(u.id));
    if (kept.length) {
      await sql`update source_records r set source_id = x.source_id, payload = x.payload, properties = '{}'::jsonb, same_as = '[]'::jsonb,
          person_ref = null, person_entity_id = null
        from jsonb_to_recordset(${JSON.stringify(kept.map((u) => ({ id: u.id, source_id: u.source_id, payload: u.payload })))}::jsonb) as x(id bigint, source_id text, payload jsonb)
        where r.id = x.id`.execute(trx);
      await sql`delete from record_identifiers where record_id = any(${kept.map((u) => u.id)}::bigint[])`.execute(trx);
      const identifiers = kept.flatMap((u) => u.identifiers.map((i) => ({ ...i, record_id: u.id })));
      if (identifiers.length) {
        await sql`insert into record_identifiers (type, value, record_id)
          select x.type, x.value, x.record_id from jsonb_to_recordset(${JSON.stringify(identifiers)}::jsonb) as x(type text, value text, record_id bigint)
          on conflict do nothing`.execute(trx);
      }
    }
  }
  if (drop.length) await trx.deleteFrom('source_records').where(sql<boolean>`id = any(${drop}::bigint[])`).execute();
  return rows.length;
}
