import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { requiredColumns } from '../../lib/contract/index.ts';
import type { ModelConfig, SidelightConfig, SourceApp } from '../config/schema.ts';
import { compareCursors, cursorOf, maxCursor, parseStoredCursor, type CursorValue } from '../sources/cursor.ts';
import { connectSource } from '../sources/connect.ts';
import type { ReadOptions, SourceConnection, SourceRow } from '../sources/types.ts';
import type { Database } from '../store/schema.ts';
import { shapeRecord, type ShapedRecord } from './record-shape.ts';
import { validateRow } from './validate-row.ts';

export interface RunSummary {
  runId: number;
  model: string;
  status: 'succeeded' | 'failed';
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  durationMs: number;
  error: string | null;
  /** Read only rows past the stored cursor. */
  incremental: boolean;
}

export interface RunOptions {
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { model: string; rowsRead: number }) => void;
  /** Reuse open source connections across models (the caller closes them). */
  connections?: Map<string, SourceConnection>;
  baseDir?: string;
  /** Read everything even when the model has a cursor (and delete what the source no longer returns). */
  fullRefresh?: boolean;
}

const toJsonText = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

function rowKey(row: SourceRow): string {
  const id = row.id ?? (row.user_id !== undefined && row.account_id !== undefined ? `${String(row.user_id)}:${String(row.account_id)}` : undefined);
  if (id !== undefined && id !== null && String(id).trim() !== '') return `id:${String(id).trim()}`;
  return `sha1:${createHash('sha1').update(toJsonText(row)).digest('hex')}`;
}

/**
 * Runs one data model: reads its rows from the source, checks each against the kind's contract, and in ONE
 * transaction upserts the good rows as source records, quarantines the bad ones with their reason, and
 * removes records the source no longer returns. A failure anywhere rolls everything back, so the last good
 * data stays served; the run is logged either way.
 */
export async function runModel(db: Kysely<Database>, config: SidelightConfig, model: ModelConfig, options: RunOptions = {}): Promise<RunSummary> {
  const batchSize = options.batchSize ?? 2000;
  const started = performance.now();
  const source = config.sources[model.source]!;
  const run = await db
    .insertInto('sync_runs')
    .values({ model: model.name, source: model.source, kind: model.kind, status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const runId = run.id;
  const counts = { rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0 };

  let connection = options.connections?.get(model.source);
  const ownConnection = !connection;
  try {
    connection ??= connectSource(config, model.source, options.baseDir);
    options.connections?.set(model.source, connection);
    const conn = connection;
    const plan = await planRun(db, conn, model, options.fullRefresh ?? false);
    let cursor = plan.since?.value ?? null;
    await db.transaction().execute(async (trx) => {
      let first = true;
      const read = conn.readBatches(model, { batchSize, ...(options.signal ? { signal: options.signal } : {}), ...(plan.since ? { since: plan.since } : {}) });
      for await (const rows of read) {
        if (first) assertColumnsPresent(model, rows);
        first = false;
        counts.rowsRead += rows.length;
        const batch = await writeBatch(trx, model, source.app, runId, rows);
        cursor = maxCursor(cursor, batch.cursor);
        counts.rowsAccepted += batch.accepted;
        counts.rowsQuarantined += batch.quarantined;
        options.onProgress?.({ model: model.name, rowsRead: counts.rowsRead });
      }
      if (!plan.since) {
        // A full read saw everything the source holds: records it no longer returns are gone from it, and
        // quarantined rows it no longer returns (fixed at the source) leave the quarantine.
        await trx.deleteFrom('source_records').where('model', '=', model.name).where('run_id', '<>', runId).execute();
        await trx
          .updateTable('quarantine')
          .set({ resolved_at: new Date() })
          .where('model', '=', model.name)
          .where('last_run_id', '<>', runId)
          .where('resolved_at', 'is', null)
          .execute();
      }
      const dataAsOf = (await conn.dataAsOf?.(model)) ?? null;
      const durationMs = Math.round(performance.now() - started);
      await trx
        .updateTable('sync_runs')
        .set({ status: 'succeeded', finished_at: new Date(), duration_ms: durationMs, ...snake(counts) })
        .where('id', '=', runId)
        .execute();
      // The cursor moves in the same transaction as the rows it covers: a crash leaves both as they were.
      const state = {
        last_success_at: new Date(),
        data_as_of: dataAsOf,
        last_run_id: runId,
        cursor: model.cursor && cursor ? JSON.stringify(cursor) : null,
        ...(plan.since ? {} : { last_full_at: new Date() }),
      };
      await trx
        .insertInto('model_state')
        .values({ model: model.name, ...state })
        .onConflict((oc) => oc.column('model').doUpdateSet(state))
        .execute();
    });
    return { runId, model: model.name, status: 'succeeded', ...counts, durationMs: Math.round(performance.now() - started), error: null, incremental: Boolean(plan.since) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const durationMs = Math.round(performance.now() - started);
    await db
      .updateTable('sync_runs')
      .set({ status: 'failed', finished_at: new Date(), duration_ms: durationMs, error: message, ...snake(counts) })
      .where('id', '=', runId)
      .execute();
    await db
      .insertInto('model_state')
      .values({ model: model.name, last_run_id: runId })
      .onConflict((oc) => oc.column('model').doUpdateSet({ last_run_id: runId }))
      .execute();
    return { runId, model: model.name, status: 'failed', ...counts, durationMs, error: message, incremental: false };
  } finally {
    if (ownConnection && connection && !options.connections) await connection.close();
  }
}

/**
 * Incremental when the model has a cursor, a stored position, and no full refresh is asked for or due
 * (a periodic full read is how deletions are noticed without a soft-delete column).
 */
async function planRun(db: Kysely<Database>, conn: SourceConnection, model: ModelConfig, fullRefresh: boolean): Promise<{ since: ReadOptions['since'] }> {
  if (!model.cursor || fullRefresh) return { since: undefined };
  const state = await db.selectFrom('model_state').select(['cursor', 'last_full_at']).where('model', '=', model.name).executeTakeFirst();
  const stored = parseStoredCursor(state?.cursor ?? null);
  if (!stored) return { since: undefined };
  const fullDue = model.fullRefreshHours !== undefined && (!state?.last_full_at || Date.now() - state.last_full_at.getTime() > model.fullRefreshHours * 3_600_000);
  if (fullDue) return { since: undefined };
  const sourceMax = await conn.maxCursor(model, model.cursor);
  if (sourceMax && compareCursors(sourceMax, stored) < 0) {
    throw new Error(
      `model "${model.name}": cursor column ${model.cursor} went backwards (the source's largest value is ${sourceMax.value}, ` +
        `the stored position ${stored.value}); was the table restored? Run a full refresh: sidelight sync --model ${model.name} --full-refresh`,
    );
  }
  return { since: { column: model.cursor, value: stored } };
}

/** A changed source schema fails the run naming the column, instead of quarantining every row. */
function assertColumnsPresent(model: ModelConfig, rows: SourceRow[]): void {
  const seen = new Set(rows.flatMap((row) => Object.keys(row)));
  const expected = [...requiredColumns(model.kind), ...(model.cursor ? [model.cursor] : []), ...(model.softDelete ? [model.softDelete] : [])];
  const missing = expected.filter((column) => !seen.has(column));
  if (missing.length > 0) {
    throw new Error(
      `model "${model.name}": column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} missing from the source's rows ` +
        `(it returned: ${[...seen].join(', ') || 'no columns'}); was a column dropped or renamed?`,
    );
  }
}

type Bad = { raw: SourceRow; reason: string; issues: { path: string; message: string }[] };

/** Validates, writes and quarantines one batch; returns its counts and the largest cursor value in it. */
async function writeBatch(trx: Transaction<Database>, model: ModelConfig, app: SourceApp, runId: number, rows: SourceRow[]) {
  const good: { raw: SourceRow; record: ShapedRecord }[] = [];
  const bad: Bad[] = [];
  const deleted: string[] = [];
  let cursor: CursorValue | null = null;
  for (const raw of rows) {
    if (model.cursor) {
      const value = cursorOf(raw[model.cursor]);
      if (!value) {
        bad.push({ raw, reason: `${model.cursor}: cursor column is empty`, issues: [{ path: model.cursor, message: 'cursor column is empty' }] });
        continue;
      }
      cursor = maxCursor(cursor, value);
    }
    if (model.softDelete && isTruthy(raw[model.softDelete])) {
      if (raw.id !== undefined && raw.id !== null) deleted.push(String(raw.id).trim());
      continue;
    }
    const verdict = validateRow(model.kind, raw);
    if (verdict.ok) good.push({ raw, record: shapeRecord(model, app, raw, verdict.parsed) });
    else bad.push({ raw, reason: verdict.reason, issues: verdict.issues });
  }
  const duplicates = await writeRecords(trx, model, runId, good.map((g) => g.record));
  for (const dup of duplicates) {
    const raw = good.find((g) => g.record.sourceId === dup)!.raw;
    bad.push({ raw, reason: `id: duplicate id "${dup}" in this run`, issues: [{ path: 'id', message: 'duplicate id in this run' }] });
  }
  if (deleted.length > 0) await trx.deleteFrom('source_records').where('model', '=', model.name).where('source_id', 'in', deleted).execute();
  await writeQuarantine(trx, model, runId, bad);
  return { accepted: good.length - duplicates.length, quarantined: bad.length, cursor };
}

const isTruthy = (value: unknown) =>
  value === true || value === 1 || (typeof value === 'string' && ['1', 'true', 't', 'yes', 'y'].includes(value.trim().toLowerCase())) || value instanceof Date;

function snake(counts: { rowsRead: number; rowsAccepted: number; rowsQuarantined: number }) {
  return { rows_read: counts.rowsRead, rows_accepted: counts.rowsAccepted, rows_quarantined: counts.rowsQuarantined };
}

/**
 * Upserts a batch; returns the source ids that were already written in this run (duplicates in the source).
 * The conflict clause skips a row whose run_id is already this run, so "not returned" means "duplicate".
 */
async function writeRecords(trx: Transaction<Database>, model: ModelConfig, runId: number, records: ShapedRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  const seen = new Set<string>();
  const unique: ShapedRecord[] = [];
  const duplicates: string[] = [];
  for (const record of records) {
    if (seen.has(record.sourceId)) duplicates.push(record.sourceId);
    else {
      seen.add(record.sourceId);
      unique.push(record);
    }
  }
  // One JSON parameter per batch, expanded in SQL: far fewer bind parameters than a multi-row VALUES,
  // which is what makes PGlite (and pg) fast at bulk upserts.
  const rows = unique.map((r) => ({
    source_id: r.sourceId,
    payload: r.payload,
    properties: r.properties,
    person_ref: r.personRef,
    account_ref: r.accountRef,
    same_as: r.sameAs,
  }));
  const { rows: written } = await sql<{ id: number; source_id: string }>`
    insert into source_records (model, source, kind, source_id, observed_at, run_id, payload, properties, person_ref, account_ref, same_as)
    select ${model.name}, ${model.source}, ${model.kind}, x.source_id, now(), ${runId}, x.payload, x.properties, x.person_ref, x.account_ref, x.same_as
    from jsonb_to_recordset(${toJsonText(rows)}::jsonb)
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

async function writeQuarantine(
  trx: Transaction<Database>,
  model: ModelConfig,
  runId: number,
  bad: { raw: SourceRow; reason: string; issues: { path: string; message: string }[] }[],
): Promise<void> {
  if (bad.length === 0) return;
  const byKey = new Map<string, (typeof bad)[number]>();
  for (const b of bad) byKey.set(rowKey(b.raw), b);
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

/** A quarantined row is kept as JSON: dates as ISO text, invalid UTF-16 replaced, nothing dropped. */
function sanitise(row: SourceRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) out[key] = Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
    else if (typeof value === 'string') out[key] = value.toWellFormed().replaceAll('\u0000', '\uFFFD');
    else if (typeof value === 'bigint') out[key] = value.toString();
    else out[key] = value;
  }
  return out;
}
