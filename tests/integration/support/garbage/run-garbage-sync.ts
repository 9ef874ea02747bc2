import path from 'node:path';
import type { Kysely } from 'kysely';
import { parseConfig } from '../../../../server/config/load.ts';
import { runModel, type RunSummary } from '../../../../server/models/run-model.ts';
import type { Database } from '../../../../server/store/schema.ts';
import { checkGarbageRun, type GarbageVerdict } from './check-garbage-run.ts';
import { garbageRows } from './garbage-rows.ts';
import { GARBAGE_SQL, loadGarbageIntoPostgres, writeGarbageCsv, type Expectation } from './write-garbage-source.ts';

export interface GarbageSizes {
  good: number;
  bad: number;
  /** Bad rows carrying a 1 MB value. */
  huge: number;
  seed: number;
}

export interface GarbageOutcome {
  run: RunSummary;
  verdict: GarbageVerdict;
  expectedGood: number;
  expectedBad: number;
  prepareSeconds: number;
}

async function runAndCheck(db: Kysely<Database>, config: ReturnType<typeof parseConfig>, expected: Map<number, Expectation>, prepareSeconds: number): Promise<GarbageOutcome> {
  const run = await runModel(db, config, config.models[0]!);
  const verdict = await checkGarbageRun(db, config.models[0]!.name, expected);
  const expectedBad = [...expected.values()].filter((e) => e.reason).length;
  return { run, verdict, expectedGood: expected.size - expectedBad, expectedBad, prepareSeconds };
}

/** Seeds the garbage into a PostgreSQL source database (its URL in `envName`) and runs one model over it. */
export async function syncPostgresGarbage(db: Kysely<Database>, sourceUrl: string, envName: string, sizes: GarbageSizes): Promise<GarbageOutcome> {
  const started = performance.now();
  const expected = await loadGarbageIntoPostgres(sourceUrl, garbageRows({ ...sizes, source: 'pg' }));
  process.env[envName] = sourceUrl;
  const config = parseConfig({
    sources: { billing: { type: 'postgres', url: { env: envName }, system: 'billing', app: 'stripe' } },
    // A config needs an accounts model; this one is never run.
    models: [
      { name: 'garbage_subscriptions', kind: 'subscriptions', source: 'billing', sql: GARBAGE_SQL },
      { name: 'unused_accounts', kind: 'accounts', source: 'billing', sql: `select 'a' as id, 'A' as name` },
    ],
  });
  return runAndCheck(db, config, expected, (performance.now() - started) / 1000);
}

/** Writes the garbage as a CSV file in `dir` (invalid UTF-8 and NUL bytes included) and runs one model over it. */
export async function syncCsvGarbage(db: Kysely<Database>, dir: string, sizes: GarbageSizes): Promise<GarbageOutcome> {
  const started = performance.now();
  const expected = await writeGarbageCsv(path.join(dir, 'subscriptions.csv'), garbageRows({ ...sizes, source: 'csv' }));
  const config = parseConfig({
    sources: { export: { type: 'csv', dir, system: 'billing', app: 'stripe' } },
    models: [
      { name: 'garbage_csv', kind: 'subscriptions', source: 'export', file: 'subscriptions.csv' },
      { name: 'unused_accounts', kind: 'accounts', source: 'export', file: 'accounts.csv' },
    ],
  });
  return runAndCheck(db, config, expected, (performance.now() - started) / 1000);
}
