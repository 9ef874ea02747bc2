/**
 * Sync-garbage soak (issue 9, item 3) at full size: 10,000 bad rows mixed into 100,000 good ones in a
 * PostgreSQL source (into a PostgreSQL store), and a CSV variant (`--csv-good`, `--csv-bad`, into PGlite)
 * with invalid UTF-8 and NUL bytes. Prints the run's figures and whether every good row was stored and
 * every bad row quarantined with the reason naming its fault; exits non-zero otherwise.
 *   npm run soak:sync-garbage -- [--good 100000] [--bad 10000] [--huge 20] [--csv-good 50000] [--csv-bad 5000] [--seed N]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase, openTestStore } from '../tests/integration/support/databases.ts';
import { syncCsvGarbage, syncPostgresGarbage, type GarbageOutcome } from '../tests/integration/support/garbage/run-garbage-sync.ts';

const { values } = parseArgs({
  options: {
    good: { type: 'string', default: '100000' },
    bad: { type: 'string', default: '10000' },
    huge: { type: 'string', default: '20' },
    'csv-good': { type: 'string', default: '50000' },
    'csv-bad': { type: 'string', default: '5000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  },
});
const seed = Number(values.seed);
const mb = () => `${Math.round(process.memoryUsage().rss / 1048576)} MB rss`;

function report(label: string, outcome: GarbageOutcome): boolean {
  const { run, verdict } = outcome;
  const seconds = run.durationMs / 1000;
  console.log(`${label}`);
  console.log(`  source prepared in ${outcome.prepareSeconds.toFixed(1)} s; run ${run.status} in ${seconds.toFixed(1)} s (${Math.round(run.rowsRead / seconds)} rows/s), ${mb()}`);
  console.log(`  rows read ${run.rowsRead}, accepted ${run.rowsAccepted} (expected ${outcome.expectedGood}), quarantined ${run.rowsQuarantined} (expected ${outcome.expectedBad})`);
  console.log(`  in the store: ${verdict.stored} records, ${verdict.quarantined} quarantined rows; problems: ${verdict.problems.length}`);
  for (const p of verdict.problems) console.log(`    ${p}`);
  if (run.error) console.log(`  error: ${run.error}`);
  return run.status === 'succeeded' && verdict.problems.length === 0 && verdict.stored === outcome.expectedGood && verdict.quarantined === outcome.expectedBad;
}

console.log(`seed ${seed}`);
let ok = true;
const source = await createTestDatabase('sidelight_soak_garbage');
const pgStore = await openTestStore('postgres');
try {
  const outcome = await syncPostgresGarbage(pgStore.store.db, source.url, 'SIDELIGHT_GARBAGE_URL', { good: Number(values.good), bad: Number(values.bad), huge: Number(values.huge), seed });
  ok = report(`PostgreSQL source -> PostgreSQL store: ${values.bad} bad rows in ${values.good} good`, outcome) && ok;
} finally {
  await pgStore.cleanup();
  await source.drop();
}
const dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-soak-garbage-'));
const pglite = await openTestStore('pglite');
try {
  const outcome = await syncCsvGarbage(pglite.store.db, dir, { good: Number(values['csv-good']), bad: Number(values['csv-bad']), huge: Math.ceil(Number(values.huge) / 2), seed });
  ok = report(`CSV bytes -> PGlite store: ${values['csv-bad']} bad rows in ${values['csv-good']} good`, outcome) && ok;
} finally {
  await pglite.cleanup();
  await rm(dir, { recursive: true, force: true });
}
console.log(ok ? 'every good row stored, every bad row quarantined with its reason' : 'FAILED');
process.exit(ok ? 0 : 1);
