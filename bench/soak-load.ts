/**
 * Load soak (issue 9, item 10): POST /v1/lookup over the real HTTP server with the rate limit on, for
 * `--seconds`, from `--concurrency` greedy clients over `--tokens` tokens (they run past the limit and get
 * 429s) plus one polite client within its limit. Prints throughput, 200s, 429s, errors, latency and the
 * heap every 10 s, and the heap before and after the run (after a full GC). Exits non-zero on any answer
 * that is neither a 200 nor a well-formed 429, on a 429 to the polite client, or on heap growth.
 *   npm run soak:load -- [--seconds 120] [--concurrency 24] [--tokens 4] [--limit 1200] [--engine pglite|postgres]
 */
import { parseArgs } from 'node:util';
import { collectGarbage, heapUsedMb } from '../tests/integration/support/load/collect-garbage.ts';
import { openLoadFixture } from '../tests/integration/support/load/load-fixture.ts';
import { percentile, runLookupLoad } from '../tests/integration/support/load/lookup-load.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    concurrency: { type: 'string', default: '24' },
    tokens: { type: 'string', default: '4' },
    limit: { type: 'string', default: '1200' },
    engine: { type: 'string', default: 'pglite' },
  },
});
const seconds = Number(values.seconds);
const engine = values.engine === 'postgres' ? 'postgres' : 'pglite';
const fixture = await openLoadFixture(engine, Number(values.limit), Number(values.tokens));
let ok = false;
try {
  const options = { url: fixture.server.url, greedyTokens: fixture.greedyTokens, politeToken: fixture.politeToken, politeRps: 5, concurrency: Number(values.concurrency), bodies: fixture.bodies };
  console.log(`${engine} store, ${values.limit} requests/min per token, ${values.concurrency} greedy clients over ${values.tokens} tokens + 1 polite client at 5/s, ${seconds} s`);
  await runLookupLoad({ ...options, durationMs: 3_000 });
  collectGarbage();
  const heapBefore = heapUsedMb();
  const rssBefore = process.memoryUsage().rss / 1048576;
  let last = { requests: 0, ok: 0, limited: 0 };
  const tally = await runLookupLoad({
    ...options,
    durationMs: seconds * 1000,
    onSecond: (second, t) => {
      if (second % 10 !== 0) return;
      const rate = (t.requests - last.requests) / 10;
      console.log(
        `${String(second).padStart(4)} s  ${String(Math.round(rate)).padStart(5)} req/s  ok +${t.ok - last.ok}  429 +${t.limited - last.limited}  errors ${t.errorCount}  ` +
          `heap ${heapUsedMb().toFixed(0)} MB  rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
      );
      last = { requests: t.requests, ok: t.ok, limited: t.limited };
    },
  });
  collectGarbage();
  const heapAfter = heapUsedMb();
  const rssAfter = process.memoryUsage().rss / 1048576;
  console.log(`\n${tally.requests} requests in ${seconds} s: ${Math.round(tally.requests / seconds)}/s; ${tally.ok} ok (${Math.round(tally.ok / seconds)}/s), ${tally.limited} 429 with Retry-After, ${tally.errorCount} other`);
  console.log(`latency of 200s: p50 ${percentile(tally.latenciesMs, 50).toFixed(1)} ms, p95 ${percentile(tally.latenciesMs, 95).toFixed(1)} ms, p99 ${percentile(tally.latenciesMs, 99).toFixed(1)} ms`);
  console.log(`polite client: ${tally.politeRequests} sent, ${tally.politeLimited} limited`);
  console.log(`heap after GC: ${heapBefore.toFixed(1)} MB before, ${heapAfter.toFixed(1)} MB after (${(heapAfter - heapBefore).toFixed(1)} MB); rss ${rssBefore.toFixed(0)} -> ${rssAfter.toFixed(0)} MB`);
  for (const e of tally.errors) console.log(`  error: ${e}`);
  ok = tally.errorCount === 0 && tally.politeLimited === 0 && heapAfter - heapBefore < 32;
} finally {
  await fixture.close();
}
console.log(ok ? 'only 200s and well-formed 429s; heap stable' : 'FAILED');
process.exit(ok ? 0 : 1);
