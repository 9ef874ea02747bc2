import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/** Any constant (beside the identity lock's): the advisory lock class of model runs. */
const MODEL_RUN_LOCK = 5_170_402;

/** Runs in progress in this process: never taken for interrupted ones. */
const active = new Set<number>();

/**
 * Runs one model's run while holding a session advisory lock on the model, on a connection reserved for
 * it: runs of one model wait for each other across every process on a PostgreSQL store, and the lock dies
 * with the process that holds it. An embedded store (PGlite) belongs to one process, whose runs the
 * server already serialises.
 */
export async function withModelRunLock<T>(db: Kysely<Database>, model: string, work: () => Promise<T>): Promise<T> {
  // A single-connection store (PGlite) cannot spare a connection for the lock, and needs none.
  if (db.getExecutor().adapter.supportsMultipleConnections === false) return work();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MODEL_RUN_LOCK}, hashtext(${model}))`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${MODEL_RUN_LOCK}, hashtext(${model}))`.execute(conn).catch(() => undefined);
    }
  });
}

/**
 * A run left "running" by a process that stopped (killed, crashed, restarted) before it finished would
 * show as running for ever; its transaction rolled back, so nothing it read was kept. Called under the
 * model's lock, when no other process can be running the model.
 */
export async function closeInterruptedRuns(db: Kysely<Database>, model: string): Promise<void> {
  let query = db
    .updateTable('sync_runs')
    .set({ status: 'failed', finished_at: new Date(), error: 'interrupted: the process running it stopped before it finished (killed, crashed or restarted); nothing it read was kept' })
    .where('model', '=', model)
    .where('status', '=', 'running');
  if (active.size > 0) query = query.where('id', 'not in', [...active]);
  await query.execute();
}

export function markRunActive(runId: number): void {
  active.add(runId);
}

export function markRunDone(runId: number): void {
  active.delete(runId);
}
