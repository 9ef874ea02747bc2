import path from 'node:path';
import type { DemoTarget } from '../demo/seed.ts';

/** Where the demo company's source systems live: next to the store, or in DEMO_SOURCE_DATABASE_URL. */
export function demoPaths(dataDir: string) {
  const root = path.join(dataDir, 'demo-sources');
  const target: DemoTarget = process.env.DEMO_SOURCE_DATABASE_URL
    ? { type: 'postgres', url: process.env.DEMO_SOURCE_DATABASE_URL }
    : { type: 'pglite', dataDir: path.join(root, 'db') };
  return { root, target, csvDir: path.join(root, 'intercom'), outDir: root };
}
