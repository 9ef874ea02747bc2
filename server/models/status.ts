import type { Kysely, Selectable } from 'kysely';
import type { ModelRunSummary, ModelStatus } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database, SyncRunsTable } from '../store/schema.ts';

export function toRunSummary(run: Selectable<SyncRunsTable>): ModelRunSummary {
  return {
    id: String(run.id),
    model: run.model,
    source: run.source,
    status: run.status,
    startedAt: run.started_at.toISOString(),
    finishedAt: run.finished_at?.toISOString() ?? null,
    rowsRead: run.rows_read,
    rowsAccepted: run.rows_accepted,
    rowsQuarantined: run.rows_quarantined,
    durationMs: run.duration_ms,
    error: run.error,
  };
}

export async function listRuns(db: Kysely<Database>, options: { model?: string; limit?: number } = {}): Promise<ModelRunSummary[]> {
  let query = db.selectFrom('sync_runs').selectAll().orderBy('id', 'desc').limit(options.limit ?? 50);
  if (options.model) query = query.where('model', '=', options.model);
  return (await query.execute()).map(toRunSummary);
}

/** Each configured model with its last run and whether it is past its freshness target. */
export async function modelStatuses(db: Kysely<Database>, config: SidelightConfig, now = Date.now()): Promise<ModelStatus[]> {
  const states = await db.selectFrom('model_state').selectAll().execute();
  const runIds = states.map((s) => s.last_run_id).filter((id): id is number => id !== null);
  const runs = runIds.length ? await db.selectFrom('sync_runs').selectAll().where('id', 'in', runIds).execute() : [];
  return config.models.map((model) => {
    const state = states.find((s) => s.model === model.name);
    const run = runs.find((r) => r.id === state?.last_run_id);
    const lastSuccess = state?.last_success_at ?? null;
    // Data is as old as the source says it is (an export's mtime), else as old as the last good read.
    const dataAsOf = state?.data_as_of && lastSuccess && state.data_as_of < lastSuccess ? state.data_as_of : lastSuccess;
    const stale = !dataAsOf || now - dataAsOf.getTime() > model.freshnessMinutes * 60_000 || run?.status === 'failed';
    return {
      name: model.name,
      kind: model.kind,
      source: model.source,
      freshnessMinutes: model.freshnessMinutes,
      lastSuccessAt: lastSuccess?.toISOString() ?? null,
      dataAsOf: dataAsOf?.toISOString() ?? null,
      stale,
      lastRun: run ? toRunSummary(run) : null,
    };
  });
}

export async function listQuarantine(db: Kysely<Database>, options: { model?: string; limit?: number; includeResolved?: boolean } = {}) {
  let query = db.selectFrom('quarantine').selectAll().orderBy('id').limit(options.limit ?? 100);
  if (options.model) query = query.where('model', '=', options.model);
  if (!options.includeResolved) query = query.where('resolved_at', 'is', null);
  const rows = await query.execute();
  return rows.map((q) => ({
    id: String(q.id),
    model: q.model,
    rowKey: q.row_key,
    reason: q.reason,
    issues: q.issues,
    row: q.row,
    firstRunId: String(q.first_run_id),
    lastRunId: String(q.last_run_id),
    firstSeenAt: q.first_seen_at.toISOString(),
    lastSeenAt: q.last_seen_at.toISOString(),
  }));
}
