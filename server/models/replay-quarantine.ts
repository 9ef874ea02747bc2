import type { Kysely } from 'kysely';
import type { SidelightConfig } from '../config/schema.ts';
import { refreshContexts } from '../context/refresh-contexts.ts';
import { rebuildEntities } from '../identity/rebuild-entities.ts';
import { loadErasuresForSync } from '../erasure/erasure-matcher.ts';
import type { Database } from '../store/schema.ts';
import { writeBatch } from './write-batch.ts';

export interface ReplaySummary {
  runId: number;
  model: string;
  replayed: number;
  accepted: number;
  stillQuarantined: number;
}

/**
 * Puts a model's quarantined rows through the contract and the model's config again (after a fix to
 * either): rows that pass become records at once and leave the quarantine; the others keep their row with
 * the current reason. Logged as a run of the model.
 */
export async function replayQuarantine(db: Kysely<Database>, config: SidelightConfig, modelName: string): Promise<ReplaySummary> {
  const model = config.models.find((m) => m.name === modelName);
  if (!model) throw new Error(`unknown model "${modelName}"; known: ${config.models.map((m) => m.name).join(', ')}`);
  const started = performance.now();
  const rows = await db.selectFrom('quarantine').select(['id', 'row']).where('model', '=', model.name).where('resolved_at', 'is', null).orderBy('id').execute();
  const run = await db
    .insertInto('sync_runs')
    .values({ model: model.name, source: model.source, kind: model.kind, status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const result = await db.transaction().execute(async (trx) => {
    const batch = await writeBatch(trx, model, config.sources[model.source]!.app, run.id, rows.map((r) => r.row), await loadErasuresForSync(trx));
    // Rows still failing were touched by this run; the rest passed.
    if (rows.length > 0) {
      await trx
        .updateTable('quarantine')
        .set({ resolved_at: new Date() })
        .where('id', 'in', rows.map((r) => r.id))
        .where('last_run_id', '<>', run.id)
        .execute();
    }
    await trx
      .updateTable('sync_runs')
      .set({
        status: 'succeeded',
        finished_at: new Date(),
        duration_ms: Math.round(performance.now() - started),
        rows_read: rows.length,
        rows_accepted: batch.accepted,
        rows_quarantined: batch.quarantined,
      })
      .where('id', '=', run.id)
      .execute();
    return batch;
  });
  if (result.accepted > 0) {
    await rebuildEntities(db, config);
    await refreshContexts(db, config);
  }
  return { runId: run.id, model: model.name, replayed: rows.length, accepted: result.accepted, stillQuarantined: result.quarantined };
}
