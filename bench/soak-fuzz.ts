/**
 * API fuzzing soak (issue 9, item 9): the api-fuzz test at thousands of requests per operation. Every
 * operation in /openapi.json gets `--runs` generated requests (malformed paths, queries, headers, bodies;
 * every role's token and broken credentials) against a PGlite store with the source company synced; any
 * 5xx or a 4xx that is not problem+json fails the run with fast-check's shrunk counterexample and seed.
 *   npm run soak:fuzz -- [--runs 1000] [--seed N]
 */
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../tests/integration/support/databases.ts';
import { openFuzzFixture, readOperations } from '../tests/integration/support/fuzz/fuzz-fixture.ts';
import { fuzzOperation, type FuzzTally } from '../tests/integration/support/fuzz/run-fuzz.ts';
import { seedSourceCompany, sourceCompanyConfig } from '../tests/integration/support/source-company.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);

const source = await createTestDatabase('sidelight_soak_source');
process.env.TEST_SOURCE_URL = source.url;
let failed = false;
try {
  await seedSourceCompany(source.url);
  const config = sourceCompanyConfig();
  const { operations } = await readOperations(config);
  const fixture = await openFuzzFixture(config);
  console.log(`fuzzing ${operations.length} operations x ${runs} requests (seed ${seed})`);
  const total: FuzzTally = { requests: 0, byStatus: new Map() };
  const started = performance.now();
  try {
    for (const op of operations) {
      const tally: FuzzTally = { requests: 0, byStatus: new Map() };
      const t = performance.now();
      try {
        await fuzzOperation(fixture.app, op, { ...fixture, numRuns: runs, seed: seed + operations.indexOf(op), tally });
      } catch (error) {
        failed = true;
        console.log(`FAIL ${op.method} ${op.path}\n${(error as Error).message}`);
      }
      for (const [status, count] of tally.byStatus) total.byStatus.set(status, (total.byStatus.get(status) ?? 0) + count);
      total.requests += tally.requests;
      const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ');
      console.log(`${`${op.method} ${op.path}`.padEnd(42)} ${String(tally.requests).padStart(6)} req ${String(Math.round(performance.now() - t)).padStart(7)} ms  ${statuses}`);
    }
  } finally {
    await fixture.t.cleanup();
  }
  const seconds = (performance.now() - started) / 1000;
  const fiveHundreds = [...total.byStatus].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  console.log(`\n${total.requests} requests in ${seconds.toFixed(1)} s (${Math.round(total.requests / seconds)}/s); 5xx: ${fiveHundreds}`);
  console.log(`by status: ${[...total.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
} finally {
  await source.drop();
}
process.exit(failed ? 1 : 0);
