import { sql, type Kysely } from 'kysely';
import type { SidelightConfig } from '../config/schema.ts';
import type { QualityCheck } from '../../lib/contract/index.ts';
import { refreshContexts } from '../context/refresh-contexts.ts';
import { runQualityChecks } from '../quality/run-quality-checks.ts';
import { rebuildEntities, type RebuildResult } from '../identity/rebuild-entities.ts';
import type { SourceConnection } from '../sources/types.ts';
import type { Database } from '../store/schema.ts';
import { runModel, type RunOptions, type RunSummary } from './run-model.ts';

export interface SyncResult {
  runs: RunSummary[];
  entities: RebuildResult;
  /** Contexts precomputed for the lookup: properties, metrics, health per entity. */
  contexts: { entities: number; durationMs: number };
  /** Data-quality checks over everything synced so far. */
  quality: QualityCheck[];
  durationMs: number;
}

/**
 * Runs the configured models (all, or the named ones) one after another, then rebuilds the entities.
 * A model that fails keeps its last good records; the others still run.
 */
export async function syncModels(
  db: Kysely<Database>,
  config: SidelightConfig,
  options: Omit<RunOptions, 'connections'> & { models?: string[]; onRun?: (summary: RunSummary) => void } = {},
): Promise<SyncResult> {
  const started = performance.now();
  const wanted = options.models?.length ? new Set(options.models) : null;
  if (wanted) {
    const unknown = [...wanted].filter((name) => !config.models.some((m) => m.name === name));
    if (unknown.length) throw new Error(`unknown model(s): ${unknown.join(', ')}; known: ${config.models.map((m) => m.name).join(', ')}`);
  }
  const connections = new Map<string, SourceConnection>();
  const runs: RunSummary[] = [];
  try {
    for (const model of config.models) {
      if (wanted && !wanted.has(model.name)) continue;
      const summary = await runModel(db, config, model, { ...options, connections });
      runs.push(summary);
      options.onRun?.(summary);
    }
  } finally {
    await Promise.allSettled([...connections.values()].map((c) => c.close()));
  }
  const entities = await rebuildEntities(db, config);
  // Fresh planner statistics after a bulk change: PGlite runs no autovacuum, and PostgreSQL's may lag behind.
  await sql`analyze source_records, record_identifiers, entities, entity_links`.execute(db);
  const contexts = await refreshContexts(db, config);
  const quality = await runQualityChecks(db);
  return { runs, entities, contexts, quality, durationMs: Math.round(performance.now() - started) };
}
