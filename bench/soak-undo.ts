/**
 * Undo soak (issue 9, item 6): flags `--flags` records out of their entities through `POST /v1/flags`
 * (with Idempotency-Keys, `--concurrency` at a time, every `--retry-every`th sent twice at once) and undoes
 * them in a shuffled order through `POST /v1/flags/:id/undo`, twice: once straight after the flags, once
 * with a sync after the flags and another after half the undos. Compares every link row, entity, record
 * pointer and membership with the state before the flags (see `runFlagUndo`).
 *   npm run soak:undo -- [--flags 1000] [--engine postgres|pglite] [--concurrency 8] [--retry-every 10] [--seed N]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../server/http/app.ts';
import { syncModels } from '../server/models/sync.ts';
import { openTestStore, type Engine } from '../tests/integration/support/databases.ts';
import { flagCompanyConfig, planFlags, sizeForFlags, writeFlagCompany } from '../tests/integration/support/flags/flag-company.ts';
import { runFlagUndo } from '../tests/integration/support/flags/flag-undo-run.ts';

const { values } = parseArgs({
  options: {
    flags: { type: 'string', default: '1000' },
    engine: { type: 'string', default: 'postgres' },
    concurrency: { type: 'string', default: '8' },
    'retry-every': { type: 'string', default: '10' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  },
});
const flags = Number(values.flags);
const engine = values.engine as Engine;
if (engine !== 'postgres' && engine !== 'pglite') throw new Error('--engine is postgres or pglite');

const t = await openTestStore(engine);
const dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-soak-undo-'));
let ok = false;
try {
  const size = sizeForFlags(flags);
  await writeFlagCompany(dir, size);
  const config = flagCompanyConfig(dir);
  let started = performance.now();
  await syncModels(t.store.db, config);
  const records = await t.store.db.selectFrom('entity_links').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const entities = await t.store.db.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(
    `${engine}: ${size.people} people and ${size.accounts} accounts (${Number(records.n)} linked records, ${Number(entities.n)} entities) synced in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s; seed ${values.seed}`,
  );
  const app = createApp({ store: t.store, config, version: 'soak', runModels: async () => undefined, serialise: (work) => work() });
  const plan = planFlags(size, flags);
  started = performance.now();
  const result = await runFlagUndo(
    { db: t.store.db, request: (p, init) => app.request(p, init), sync: async () => void (await syncModels(t.store.db, config)) },
    plan,
    { concurrency: Number(values.concurrency), seed: Number(values.seed), retryEvery: Number(values['retry-every']), log: (line) => console.log(line) },
  );
  console.log(`\n${plan.length} flags a round (${plan.filter((p) => p.kind === 'account').length} of accounts), concurrency ${values.concurrency}, every ${values['retry-every']}th flag and undo sent twice at once`);
  for (const [name, round] of [['exact (no sync between)', result.exact], ['with syncs', result.withSyncs]] as const) {
    const s = round.seconds;
    const undoSeconds = s.undo ?? s.undoFirstHalf! + s.undoRest!;
    console.log(`${name}: ${round.flags} flags`);
    console.log(`  flag: ${s.flag} s (${(round.flags / s.flag!).toFixed(1)}/s); latency p50 ${round.latencyMs.flag.p50} ms, p95 ${round.latencyMs.flag.p95} ms, p99 ${round.latencyMs.flag.p99} ms, max ${round.latencyMs.flag.max} ms`);
    console.log(`  undo: ${undoSeconds.toFixed(1)} s (${(round.flags / undoSeconds).toFixed(1)}/s); latency p50 ${round.latencyMs.undo.p50} ms, p95 ${round.latencyMs.undo.p95} ms, p99 ${round.latencyMs.undo.p99} ms`);
    if (s.syncFlagged !== undefined) console.log(`  syncs: with every flag ${s.syncFlagged} s (probable links rescored: ${round.probableRescoredBySync}), half undone ${s.syncHalf} s, all undone ${s.syncUndone} s`);
    console.log(`  entities flagged twice, older flag undone first: ${round.pairedOrder.olderFirst}, newer first: ${round.pairedOrder.newerFirst}`);
    console.log(`  rows differing from before the flags: after the undos ${JSON.stringify(round.differences)}, after a last sync ${JSON.stringify(round.differencesAfterSync)}`);
  }
  console.log(`whole run ${((performance.now() - started) / 1000).toFixed(1)} s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
  for (const problem of result.problems) console.log(`  PROBLEM: ${problem.slice(0, 2000)}`);
  ok = result.problems.length === 0 && result.exact.flags === flags && result.withSyncs.flags === flags && Object.keys(result.exact.differences).length === 0;
} finally {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
}
console.log(ok ? 'every link, entity, pointer and membership is back' : 'FAILED');
process.exit(ok ? 0 : 1);
