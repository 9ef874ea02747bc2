import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { readDemoListing, seedDemo } from '../demo/seed.ts';
import { SCALE_NAMES, SCALES, type ScaleName } from '../demo/world.ts';
import type { CliEnv } from './environment.ts';
import { demoPaths } from './demo-paths.ts';

/** The large company's million people are held while their systems are written (the events are not): about 6 GB. */
const HEAP_MB: Partial<Record<ScaleName, number>> = { large: 12_288 };

export function demoIsSeeded(env: CliEnv): boolean {
  return existsSync(path.join(demoPaths(env.dataDir).outDir, 'listing.json'));
}

export async function demoSeed(env: CliEnv, options: { scale?: string }): Promise<void> {
  const scale = (options.scale ?? 'small') as ScaleName;
  if (!SCALE_NAMES.includes(scale)) throw new Error(`unknown scale "${options.scale}": use ${SCALE_NAMES.join(', ')}`);
  const paths = demoPaths(env.dataDir);
  if (paths.target.type === 'pglite' && scale === 'large') {
    throw new Error(
      `the large demo (${SCALES.large.accounts.toLocaleString('en')} accounts, ${SCALES.large.events.toLocaleString('en')} events) goes into a ` +
        'PostgreSQL server, not the embedded database: set DEMO_SOURCE_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/sidelight_demo',
    );
  }
  if (rerunWithLargerHeap(scale)) return;
  const result = await seedDemo({
    target: paths.target,
    csvDir: paths.csvDir,
    outDir: paths.outDir,
    scale,
    onProgress: (message) => process.stderr.write(`  ${message}\n`),
  });
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(`demo company (${scale}) seeded in ${result.durationMs} ms: ${total} rows`);
  for (const [table, count] of Object.entries(result.counts)) console.log(`  ${table.padEnd(28)} ${count}`);
}

/**
 * Node's default heap (about 4 GB here) is too small for the large company: run the same command again
 * in a child process with a larger one. Returns true when the child did the work.
 */
function rerunWithLargerHeap(scale: ScaleName): boolean {
  const wanted = HEAP_MB[scale];
  if (!wanted || v8.getHeapStatistics().heap_size_limit >= wanted * 1024 * 1024 * 0.9) return false;
  process.stderr.write(`  re-running with a ${wanted} MB heap for the ${scale} scale\n`);
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${wanted}`, ...process.argv.slice(1)], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`demo seed --scale ${scale} failed (exit ${child.status ?? child.signal})`);
  return true;
}

export async function demoList(env: CliEnv, options: { json?: boolean }): Promise<void> {
  const listing = await readDemoListing(demoPaths(env.dataDir).outDir);
  if (options.json) {
    console.log(JSON.stringify(listing, null, 2));
    return;
  }
  for (const [tag, scenario] of Object.entries(listing.scenarios)) console.log(`${tag.padEnd(26)} ${scenario.note}`);
  console.log(`${listing.accounts.length} accounts; --json for every id`);
}
