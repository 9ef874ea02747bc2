import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGarbage, heapUsedMb } from './support/load/collect-garbage.ts';
import { openLoadFixture, type LoadFixture } from './support/load/load-fixture.ts';
import { percentile, runLookupLoad } from './support/load/lookup-load.ts';

/**
 * Issue 9, item 10: POST /v1/lookup over a real HTTP server (`startServer`) under sustained concurrency for
 * 20 s with the rate limit on: every answer is a 200 or a 429 with Retry-After (problem+json), a client
 * within its limit is never limited while others are, and the heap after a GC stays within a bound of the
 * heap before. `npm run soak:load` runs longer and prints the figures.
 */
const SECONDS = Number(process.env.SIDELIGHT_LOAD_SECONDS ?? 20);

describe('lookup under sustained load, rate limit on', () => {
  let f: LoadFixture;
  beforeAll(async () => {
    // The default limit, 1200 a minute per token (20/s, bursts of 200): the four greedy clients' tokens run
    // past it, the polite one (5/s) does not.
    f = await openLoadFixture('pglite', 1200, 4);
  });
  afterAll(async () => {
    await f?.close();
  });

  it(`answers only 200s and well-formed 429s for ${SECONDS} s, with the heap stable`, async () => {
    const options = { url: f.server.url, greedyTokens: f.greedyTokens, politeToken: f.politeToken, politeRps: 5, concurrency: 12, bodies: f.bodies };
    await runLookupLoad({ ...options, durationMs: 2_000 });
    collectGarbage();
    const heapBefore = heapUsedMb();
    const tally = await runLookupLoad({ ...options, durationMs: SECONDS * 1000 });
    collectGarbage();
    const heapAfter = heapUsedMb();
    console.log(
      `load ${SECONDS} s: ${tally.requests} requests (${Math.round(tally.requests / SECONDS)}/s), ${tally.ok} ok, ${tally.limited} limited, ${tally.errorCount} errors; ` +
        `p50 ${percentile(tally.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(tally.latenciesMs, 99).toFixed(1)} ms; polite ${tally.politeRequests} sent, ${tally.politeLimited} limited; ` +
        `heap ${heapBefore.toFixed(1)} -> ${heapAfter.toFixed(1)} MB`,
    );
    expect(tally.errors).toEqual([]);
    expect(tally.errorCount).toBe(0);
    expect(tally.ok).toBeGreaterThan(20 * 4 * SECONDS * 0.6);
    expect(tally.limited).toBeGreaterThan(0);
    expect(tally.politeLimited).toBe(0);
    expect(tally.politeRequests).toBeGreaterThan(5 * SECONDS * 0.5);
    expect(heapAfter - heapBefore).toBeLessThan(24);
  });
});
