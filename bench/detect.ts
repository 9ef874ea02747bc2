/**
 * Detection microbenchmark (issue 8): each host adapter reading each of its saved fixture pages (happy-dom,
 * no scripts), many times: the full read a navigation costs (URL detector, then the DOM). happy-dom is slower than a
 * browser's DOM, so these are upper bounds for what a content script spends per navigation.
 *   npm run bench:detect -- [--runs 2000]
 */
import { parseArgs } from 'node:util';
import { HOST_ADAPTERS } from '../lib/hosts/all-hosts.ts';
import { FIXTURE_CASES } from '../tests/fixtures/hosts/cases.ts';
import { loadFixture } from '../tests/fixtures/hosts/load-fixture.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' } } });
const runs = Number(values.runs);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

console.log(`${runs} reads per fixture; µs per read (p50 / p99)`);
for (const adapter of HOST_ADAPTERS) {
  const all: number[] = [];
  for (const { fixture, url, name } of FIXTURE_CASES[adapter.id]) {
    const page = loadFixture(adapter.id, fixture, url);
    const target = new URL(url);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      adapter.read(target, page.document);
      times.push((performance.now() - started) * 1000);
    }
    await page.close();
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`  ${adapter.id.padEnd(11)} ${name.slice(0, 60).padEnd(60)} ${percentile(times, 50).toFixed(0).padStart(6)} / ${percentile(times, 99).toFixed(0).padStart(6)}`);
  }
  all.sort((a, b) => a - b);
  console.log(`${adapter.id.padEnd(13)}all fixtures: p50 ${percentile(all, 50).toFixed(0)} µs, p99 ${percentile(all, 99).toFixed(0)} µs\n`);
}
