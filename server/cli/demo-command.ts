import { existsSync } from 'node:fs';
import path from 'node:path';
import { readDemoListing, seedDemo } from '../demo/seed.ts';
import type { CliEnv } from './environment.ts';
import { demoPaths } from './demo-paths.ts';

export function demoIsSeeded(env: CliEnv): boolean {
  return existsSync(path.join(demoPaths(env.dataDir).outDir, 'listing.json'));
}

export async function demoSeed(env: CliEnv, options: { scale?: string }): Promise<void> {
  if (options.scale && options.scale !== 'small') throw new Error(`scale "${options.scale}" is not available yet; use small`);
  const paths = demoPaths(env.dataDir);
  const result = await seedDemo({
    target: paths.target,
    csvDir: paths.csvDir,
    outDir: paths.outDir,
    scale: 'small',
    onProgress: (message) => process.stderr.write(`  ${message}\n`),
  });
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(`demo company seeded in ${result.durationMs} ms: ${total} rows`);
  for (const [table, count] of Object.entries(result.counts)) console.log(`  ${table.padEnd(28)} ${count}`);
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
