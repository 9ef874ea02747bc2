/**
 * Crash soak (issue 9, item 4): kills a sync process (SIGKILL) `--iterations` times at random points
 * against a PostgreSQL store and source, moving the source on before each kill, and checks after each
 * one that every model is wholly before or wholly after the sync and that the stored cursor matches the
 * stored events; then that a last run completes. Prints where each kill landed and the outcome.
 *   npm run soak:crash -- [--iterations 30] [--accounts 20000] [--events 40000] [--seed N]
 */
import { parseArgs } from 'node:util';
import { syncModels } from '../server/models/sync.ts';
import { openStore } from '../server/store/open.ts';
import { crashConfig, seedCrashSource } from '../tests/integration/support/crash/crash-company.ts';
import { cursorTime, snapshotStore } from '../tests/integration/support/crash/crash-check.ts';
import { runCrashIterations } from '../tests/integration/support/crash/crash-iterations.ts';
import { createTestDatabase } from '../tests/integration/support/databases.ts';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '30' },
    accounts: { type: 'string', default: '20000' },
    events: { type: 'string', default: '40000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  },
});
const accounts = Number(values.accounts);
const source = await createTestDatabase('sidelight_soak_crash_source');
const storeDb = await createTestDatabase('sidelight_soak_crash_store');
let ok = true;
try {
  await seedCrashSource(source.url, accounts, Number(values.events));
  process.env.CRASH_SOURCE_URL = source.url;
  const store = await openStore({ databaseUrl: storeDb.url });
  try {
    const config = crashConfig('CRASH_SOURCE_URL');
    await syncModels(store.db, config);
    // Lines the child prints: a batch of 500 over the accounts (a full read each time), over the new events,
    // and one per finished run; a few more land in the rebuild after the last run.
    const maxBatches = Math.ceil((accounts + 400 * Number(values.iterations)) / 500) + Math.ceil(2001 / 500) + 2 + 4;
    console.log(`seed ${values.seed}; ${values.iterations} kills at 0..${maxBatches} batches + 0..250 ms`);
    const started = performance.now();
    const results = await runCrashIterations(store.db, { storeUrl: storeDb.url, sourceUrl: source.url }, {
      iterations: Number(values.iterations),
      seed: Number(values.seed),
      maxBatches,
      eventsPerGen: 2000,
      onIteration: (it) =>
        console.log(
          `gen ${String(it.gen).padStart(3)}: kill after ${String(it.killAfterBatches).padStart(3)} batches + ${String(it.jitterMs).padStart(3)} ms, ` +
            `saw ${String(it.batchesSeen).padStart(3)}${it.finished ? ', finished first' : ''}; accounts ${it.accounts}, events ${it.events}` +
            (it.problems.length ? `\n  PROBLEMS: ${it.problems.join('; ')}` : ''),
        ),
    });
    const failures = results.filter((r) => r.problems.length > 0).length;
    const final = await syncModels(store.db, config);
    const now = await snapshotStore(store.db);
    const completed = final.runs.every((r) => r.status === 'succeeded') && now.running === 0 && cursorTime(now.cursor) === now.maxEventAt;
    const tally = (key: 'accounts' | 'events') => `${results.filter((r) => r[key] === 'before').length} before / ${results.filter((r) => r[key] === 'after').length} after`;
    console.log(`\n${results.length} kills in ${((performance.now() - started) / 1000).toFixed(1)} s: ${failures} with a partial or inconsistent state`);
    console.log(`left accounts ${tally('accounts')}, events ${tally('events')}; kills that came after the sync finished: ${results.filter((r) => r.finished).length}`);
    console.log(`next run: ${final.runs.map((r) => `${r.model} ${r.status}`).join(', ')}; runs left "running": ${now.running}; cursor matches the newest event: ${cursorTime(now.cursor) === now.maxEventAt}`);
    ok = failures === 0 && completed;
  } finally {
    await store.close();
  }
} finally {
  await storeDb.drop();
  await source.drop();
}
console.log(ok ? 'no partial run visible after any kill' : 'FAILED');
process.exit(ok ? 0 : 1);
