import type { Kysely } from 'kysely';
import { requiredColumns } from '../../lib/contract/index.ts';
import type { ModelConfig, SidelightConfig } from '../config/schema.ts';
import { compareCursors, maxCursor, parseStoredCursor } from '../sources/cursor.ts';
import { connectSource } from '../sources/connect.ts';
import type { ReadOptions, SourceConnection, SourceRow } from '../sources/types.ts';
import type { Database } from '../store/schema.ts';
import { renameColumns } from '../config/rename-columns.ts';
import { forgetRecentStatuses } from '../context/recent-statuses.ts';
import { loadErasuresForSync } from '../erasure/erasure-matcher.ts';
import { closeInterruptedRuns, markRunActive, markRunDone, withModelRunLock } from './run-lock.ts';
import { prepareBatch, writePrepared } from './write-batch.ts';

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

/**
 * Runs one data model: reads its rows from the source, checks each against the kind's contract, and in ONE
 * transaction upserts the good rows as source records, quarantines the bad ones with their reason, and
 * removes records the source no longer returns. A failure anywhere rolls everything back, so the last good
 * data stays served; the run is logged either way.
 */
export async function runModel(db: Kysely<Database>, config: SidelightConfig, model: ModelConfig, options: RunOptions = {}): Promise<RunSummary> {
  return withModelRunLock(db, model.name, async () => {
    await closeInterruptedRuns(db, model.name);
    const run = await db
      .insertInto('sync_runs')
      .values({ model: model.name, source: model.source, kind: model.kind, status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    markRunActive(run.id);
    try {
      return await runLocked(db, config, model, run.id, options);
    } finally {
      markRunDone(run.id);
      forgetRecentStatuses(db);
    }
  });
}

async function runLocked(db: Kysely<Database>, config: SidelightConfig, model: ModelConfig, runId: number, options: RunOptions): Promise<RunSummary> {
  const batchSize = options.batchSize ?? 2000;
  const started = performance.now();
  const source = config.sources[model.source]!;
  const counts = { rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0 };

  let connection = options.connections?.get(model.source);
  const ownConnection = !connection;
  try {
    connection ??= connectSource(config, model.source, options.baseDir);
    options.connections?.set(model.source, connection);
    const conn = connection;
    const plan = await planRun(db, conn, model, options.fullRefresh ?? false);
    let cursor = plan.since?.value ?? null;
    const batches = readAhead(conn.readBatches(model, { batchSize, ...(options.signal ? { signal: options.signal } : {}), ...(plan.since ? { since: plan.since } : {}) }));
    let next: IteratorResult<SourceRow[]> | undefined;
    try {
      // The first batch is awaited before the store transaction opens: a source slow to answer (up to its
      // timeoutSeconds) must not hold the store meanwhile, which on PGlite, one connection, would stall lookups.
      next = await batches.next();
      await db.transaction().execute(async (trx) => {
        const erasures = await loadErasuresForSync(trx);
        let first = true;
        // A three-stage pipeline: the source reads batch n+2 while this process validates batch n+1 and the store
        // writes batch n. Writes stay in order, one at a time, on the one transaction; only the waiting overlaps.
        let writing: Promise<void> = Promise.resolve();
        try {
          for (; !next!.done; next = await batches.next()) {
            const rows = next!.value;
            if (first) assertColumnsPresent(model, rows.map((row) => renameColumns(model, row)));
            first = false;
            counts.rowsRead += rows.length;
            const prepared = prepareBatch(model, source.app, rows, erasures);
            await writing;
            writing = writePrepared(trx, model, runId, prepared).then((batch) => {
              cursor = maxCursor(cursor, batch.cursor);
              counts.rowsAccepted += batch.accepted;
              counts.rowsQuarantined += batch.quarantined;
              options.onProgress?.({ model: model.name, rowsRead: counts.rowsRead });
            });
            // Handled here so a failed write does not go unhandled while the next batch is read; awaited above.
            writing.catch(() => undefined);
          }
          await writing;
        } finally {
          // Leave nothing running on the transaction when it rolls back.
          await writing.catch(() => undefined);
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
    } finally {
      // A run that stops early (a failed write, a failed check) closes the source's cursor and connection.
      if (!next?.done) await batches.return(undefined);
    }
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

/**
 * Asks the source for its next batch as soon as the current one is handed out, so reading overlaps the work
 * on it. On an early exit it waits for the read in flight, then closes the source (its cursor, its connection).
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  let done = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        done = true;
        return;
      }
      next = iterator.next();
      next.catch(() => undefined); // surfaces when awaited on the next turn
      yield result.value;
    }
  } finally {
    if (!done) {
      const pending = await next.then((r) => !r.done, () => false);
      if (pending) await iterator.return?.();
    }
  }
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

function snake(counts: { rowsRead: number; rowsAccepted: number; rowsQuarantined: number }) {
  return { rows_read: counts.rowsRead, rows_accepted: counts.rowsAccepted, rows_quarantined: counts.rowsQuarantined };
}

