import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { renameColumns } from '../config/rename-columns.ts';
import type { ModelConfig, SourceApp } from '../config/schema.ts';
import { cursorOf, maxCursor, type CursorValue } from '../sources/cursor.ts';
import type { SourceRow } from '../sources/types.ts';
import type { Database } from '../store/schema.ts';
import type { ErasureMatcher } from '../erasure/erasure-matcher.ts';
import { namesErasedPerson, screenGoodRow } from '../erasure/screen-row.ts';
import { shapeRecord, sourceIdOf, type ShapedRecord } from './record-shape.ts';
import { storableJson, unstorableText } from './storable-text.ts';
import { validateRow } from './validate-row.ts';

const bigintAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/**
 * JSON text with bigints as strings. A replacer function makes JSON.stringify several times slower, and
 * bigints are rare (rows from PostgreSQL and MySQL carry big numbers as strings): try without it first;
 * JSON.stringify throws a TypeError on a bigint, and then the replacer does its work.
 */
function toJsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, bigintAsText);
  }
}

/** An id as text when it can name a row: a string or a number, not an object (whose text is "[object Object]"). */
const idText = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value).trim() : null;

/**
 * A quarantined row's key: its id while that is a usable one (so a row keeps its entry across runs), else a
 * digest of the row. An object, an empty, a very long or an unstorable id would merge distinct rows into
 * one entry, or break the key's index.
 */
function rowKey(row: SourceRow): string {
  const pair = row.id === undefined || row.id === null ? [idText(row.user_id), idText(row.account_id)] : null;
  const id = pair ? (pair[0] && pair[1] ? `${pair[0]}:${pair[1]}` : null) : idText(row.id);
  if (id && id.length <= 512 && !unstorableText(id)) return `id:${id}`;
  return `sha1:${createHash('sha1').update(toJsonText(storableJson(row))).digest('hex')}`;
}

/** A row for the quarantine: as the source gave it, keyed by its id after renames. */
type Bad = { raw: SourceRow; key: string; reason: string; issues: { path: string; message: string }[] };

/** A batch validated and shaped, ready to write: the CPU half of a batch, which a run overlaps with the previous batch's writes. */
export interface PreparedBatch {
  good: { raw: SourceRow; record: ShapedRecord }[];
  bad: Bad[];
  deleted: string[];
  cursor: CursorValue | null;
  /** The good records, first of each id, and the ids repeated within the batch. */
  unique: ShapedRecord[];
  repeated: string[];
  /** The unique records as the JSON parameter of the upsert. */
  json: string;
  /** Rows of erased people left out (not stored, not quarantined). */
  erased: number;
}

/**
 * Validates, writes and quarantines one batch; returns its counts and the largest cursor value in it.
 * The quarantine keeps the row as the source gave it, before renames, so a mapping fix can be replayed.
 */
export async function writeBatch(trx: Transaction<Database>, model: ModelConfig, app: SourceApp, runId: number, sourceRows: SourceRow[], erasures: ErasureMatcher | null = null) {
  return writePrepared(trx, model, runId, prepareBatch(model, app, sourceRows, erasures));
}

/**
 * Checks each row against the contract and the cursor, and shapes the good ones; no I/O. With `erasures`,
 * rows of erased people are left out and their activity kept without them (`server/erasure/screen-row.ts`).
 */
export function prepareBatch(model: ModelConfig, app: SourceApp, sourceRows: SourceRow[], erasures: ErasureMatcher | null = null): PreparedBatch {
  const good: { raw: SourceRow; record: ShapedRecord }[] = [];
  const bad: Bad[] = [];
  const deleted: string[] = [];
  let erased = 0;
  const cursor = model.cursor ? batchCursor() : null;
  for (const original of sourceRows) {
    const raw = renameColumns(model, original);
    const quarantine = (reason: string, issues: Bad['issues']) => bad.push({ raw: original, key: rowKey(raw), reason, issues });
    if (model.cursor && !cursor!.add(raw[model.cursor])) {
      quarantine(`${model.cursor}: cursor column is empty`, [{ path: model.cursor, message: 'cursor column is empty' }]);
      continue;
    }
    if (model.softDelete && isTruthy(raw[model.softDelete])) {
      if (raw.id !== undefined && raw.id !== null) deleted.push(String(raw.id).trim());
      continue;
    }
    const verdict = validateRow(model.kind, raw);
    if (verdict.ok && !erasures) good.push({ raw: original, record: shapeRecord(model, app, raw, verdict.parsed) });
    else if (verdict.ok) {
      const kept = screenGoodRow(erasures!, model, raw, verdict.parsed);
      if (!kept) erased++;
      else {
        // Only an erased address taken out: the record keeps the name its source content gives it.
        const sameId = !kept.redacted && kept.parsed !== verdict.parsed ? sourceIdOf(model.kind, verdict.parsed) : undefined;
        const record = shapeRecord(model, app, kept.raw, kept.parsed, sameId);
        // A changed row is what a duplicate would quarantine, never the source's row with the person in it;
        // activity kept without its person points at no one (its tombstone names no record).
        good.push({ raw: kept.raw === raw ? original : kept.raw, record: kept.redacted ? { ...record, personRef: null } : record });
      }
    } else if (erasures && namesErasedPerson(erasures, model, raw)) erased++;
    else quarantine(verdict.reason, verdict.issues);
  }
  const seen = new Set<string>();
  const unique: ShapedRecord[] = [];
  const repeated: string[] = [];
  for (const { record } of good) {
    if (seen.has(record.sourceId)) repeated.push(record.sourceId);
    else {
      seen.add(record.sourceId);
      unique.push(record);
    }
  }
  // One JSON parameter per batch, expanded in SQL: far fewer bind parameters than a multi-row VALUES,
  // which is what makes PGlite (and pg) fast at bulk upserts.
  const json = toJsonText(
    unique.map((r) => ({
      source_id: r.sourceId,
      payload: r.payload,
      properties: r.properties,
      person_ref: r.personRef,
      account_ref: r.accountRef,
      same_as: r.sameAs,
    })),
  );
  return { good, bad, deleted, cursor: cursor?.value() ?? null, unique, repeated, json, erased };
}

/** Writes a prepared batch: the upsert, identifiers, duplicates and other bad rows to the quarantine, soft deletes. */
export async function writePrepared(trx: Transaction<Database>, model: ModelConfig, runId: number, batch: PreparedBatch) {
  const { good, bad, deleted, cursor } = batch;
  const duplicates = await writeRecords(trx, model, runId, batch);
  for (const dup of duplicates) {
    const raw = good.find((g) => g.record.sourceId === dup)!.raw;
    bad.push({ raw, key: rowKey(renameColumns(model, raw)), reason: `id: duplicate id "${dup}" in this run`, issues: [{ path: 'id', message: 'duplicate id in this run' }] });
  }
  if (deleted.length > 0) await trx.deleteFrom('source_records').where('model', '=', model.name).where('source_id', 'in', deleted).execute();
  await writeQuarantine(trx, model, runId, bad);
  return { accepted: good.length - duplicates.length, quarantined: bad.length, cursor };
}

/**
 * The largest cursor value of a batch. SQL sources hand timestamps over as Dates: while every value is one,
 * compare their times instead of formatting and parsing each; the first other value hands over to
 * `maxCursor`, in order, so the result is the one folding `maxCursor` over the batch gives.
 */
function batchCursor() {
  let latest: Date | null = null;
  let folded: CursorValue | null = null;
  let general = false;
  return {
    /** False when the value is empty (no cursor). */
    add(raw: unknown): boolean {
      if (!general && raw instanceof Date) {
        const time = raw.getTime();
        if (Number.isNaN(time)) return false;
        if (!latest || time > latest.getTime()) latest = raw;
        return true;
      }
      const value = cursorOf(raw);
      if (!value) return false;
      if (!general) {
        folded = latest ? cursorOf(latest) : null;
        general = true;
      }
      folded = maxCursor(folded, value);
      return true;
    },
    value: (): CursorValue | null => (general ? folded : latest ? cursorOf(latest) : null),
  };
}

const isTruthy = (value: unknown) =>
  value === true || value === 1 || (typeof value === 'string' && ['1', 'true', 't', 'yes', 'y'].includes(value.trim().toLowerCase())) || value instanceof Date;

/**
 * Upserts a batch; returns the source ids that were already written in this run (duplicates in the source).
 * The conflict clause skips a row whose run_id is already this run, so "not returned" means "duplicate".
 */
async function writeRecords(trx: Transaction<Database>, model: ModelConfig, runId: number, batch: PreparedBatch): Promise<string[]> {
  const { unique } = batch;
  if (unique.length === 0) return [];
  const duplicates = [...batch.repeated];
  const { rows: written } = await sql<{ id: number; source_id: string }>`
    insert into source_records (model, source, kind, source_id, observed_at, run_id, payload, properties, person_ref, account_ref, same_as)
    select ${model.name}, ${model.source}, ${model.kind}, x.source_id, now(), ${runId}, x.payload, x.properties, x.person_ref, x.account_ref, x.same_as
    from jsonb_to_recordset(${batch.json}::jsonb)
      as x(source_id text, payload jsonb, properties jsonb, person_ref text, account_ref text, same_as jsonb)
    on conflict (model, source_id) do update set
      -- Keep observed_at when nothing changed, so freshness reflects real change, not re-reads.
      observed_at = case when source_records.payload = excluded.payload and source_records.properties = excluded.properties
                         then source_records.observed_at else excluded.observed_at end,
      run_id = excluded.run_id,
      payload = excluded.payload,
      properties = excluded.properties,
      person_ref = excluded.person_ref,
      account_ref = excluded.account_ref,
      same_as = excluded.same_as
    where source_records.run_id <> ${runId}
    returning id, source_id`.execute(trx);
  const writtenIds = new Map(written.map((w) => [w.source_id, w.id]));
  for (const r of unique) if (!writtenIds.has(r.sourceId)) duplicates.push(r.sourceId);

  const identifierRows = unique.flatMap((r) => {
    const id = writtenIds.get(r.sourceId);
    return id === undefined ? [] : r.identifiers.map((i) => ({ type: i.type, value: i.value, record_id: id }));
  });
  if (written.length > 0 && unique.some((r) => r.identifiers.length > 0)) {
    await sql`delete from record_identifiers
      where record_id in (select value::bigint from jsonb_array_elements_text(${JSON.stringify([...writtenIds.values()])}::jsonb))`.execute(trx);
    if (identifierRows.length > 0) {
      await sql`insert into record_identifiers (type, value, record_id)
        select x.type, x.value, x.record_id from jsonb_to_recordset(${JSON.stringify(identifierRows)}::jsonb) as x(type text, value text, record_id bigint)
        on conflict do nothing`.execute(trx);
    }
  }
  return duplicates;
}

async function writeQuarantine(trx: Transaction<Database>, model: ModelConfig, runId: number, bad: Bad[]): Promise<void> {
  if (bad.length === 0) return;
  const byKey = new Map<string, (typeof bad)[number]>();
  for (const b of bad) byKey.set(b.key, b);
  await trx
    .insertInto('quarantine')
    .values(
      [...byKey].map(([key, b]) => ({
        model: model.name,
        row_key: key,
        first_run_id: runId,
        last_run_id: runId,
        reason: b.reason,
        issues: toJsonText(b.issues),
        row: toJsonText(sanitise(b.raw)),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['model', 'row_key']).doUpdateSet({
        last_run_id: runId,
        reason: (eb) => eb.ref('excluded.reason'),
        issues: (eb) => eb.ref('excluded.issues'),
        row: (eb) => eb.ref('excluded.row'),
        last_seen_at: new Date(),
        resolved_at: null,
      }),
    )
    .execute();
}

/** A quarantined row is kept as JSON: dates as ISO text, text the store cannot hold replaced, nothing dropped. */
function sanitise(row: SourceRow): Record<string, unknown> {
  return storableJson(row) as Record<string, unknown>;
}
