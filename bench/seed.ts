/**
 * Seed benchmark: `sidelight demo seed` at a scale into a new PostgreSQL database; prints the time, the rows,
 * the database's size and the process's peak memory, then drops the database (unless --keep).
 *   npm run bench:seed -- [--scale medium|large] [--keep]
 * The large scale needs a larger heap than Node's default: `node --max-old-space-size=12288 bench/seed.ts --scale large`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedDemo } from '../server/demo/seed.ts';
import { SCALE_NAMES, type ScaleName } from '../server/demo/world.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'medium' }, keep: { type: 'boolean', default: false } } });
const scale = values.scale as ScaleName;
if (!SCALE_NAMES.includes(scale)) throw new Error(`unknown scale "${values.scale}": use ${SCALE_NAMES.join(', ')}`);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `sidelight_bench_seed_${scale}_${Math.random().toString(36).slice(2, 8)}`;
const url = new URL(adminUrl);
url.pathname = `/${database}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${database}`);
const dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-bench-seed-'));
try {
  const cpu = process.cpuUsage();
  const result = await seedDemo({
    target: { type: 'postgres', url: url.toString() },
    csvDir: path.join(dir, 'intercom'),
    outDir: dir,
    scale,
    onProgress: (message) => process.stderr.write(`  ${message}\n`),
  });
  const used = process.cpuUsage(cpu);
  const { rows } = await admin.query<{ bytes: string }>('select pg_database_size($1) as bytes', [database]);
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(`scale ${scale}: ${total.toLocaleString('en')} rows in ${(result.durationMs / 1000).toFixed(1)} s (${Math.round(total / (result.durationMs / 1000)).toLocaleString('en')} rows/s)`);
  console.log(`  product.events ${result.counts['product.events']!.toLocaleString('en')} rows; database ${(Number(rows[0]!.bytes) / 1024 ** 2).toFixed(0)} MB`);
  console.log(`  node cpu ${((used.user + used.system) / 1e6).toFixed(1)} s; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await rm(dir, { recursive: true, force: true });
  if (values.keep) console.log(`kept database ${database}`);
  else await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}
