/**
 * Sync benchmark (DESIGN.md section 10: a sync reaches >= 50% of PostgreSQL COPY throughput for the same rows,
 * and 1M events are ingested in under 60 s). For the demo's `product_events` model, on a PostgreSQL server:
 *   (a) the baseline: the model's rows copied from the source database into a plain table of the store database
 *       with COPY (source COPY TO STDOUT piped into COPY FROM STDIN), and the COPY FROM STDIN alone;
 *   (b) a Sidelight sync of the model (runModel) into a PostgreSQL store, first into an empty store, then again
 *       over the same rows (a full refresh, every row already there);
 * and, to show where the time goes, the source read alone and the read with validation and shaping (no writes).
 *   npm run bench:sync -- [--source-url URL | --scale medium] [--rows 1000000] [--batch 2000] [--keep]
 * Without --source-url it seeds the demo at --scale into a new database first. Databases it creates are dropped.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { parseConfig } from '../server/config/load.ts';
import { renameColumns } from '../server/config/rename-columns.ts';
import type { ModelConfig } from '../server/config/schema.ts';
import { seedDemo } from '../server/demo/seed.ts';
import type { ScaleName } from '../server/demo/world.ts';
import { shapeRecord } from '../server/models/record-shape.ts';
import { runModel } from '../server/models/run-model.ts';
import { validateRow } from '../server/models/validate-row.ts';
import { connectSource } from '../server/sources/connect.ts';
import { openStore } from '../server/store/open.ts';

const { values } = parseArgs({
  options: {
    'source-url': { type: 'string' },
    scale: { type: 'string', default: 'medium' },
    rows: { type: 'string' },
    batch: { type: 'string', default: '2000' },
    model: { type: 'string', default: 'product_events' },
    keep: { type: 'boolean', default: false },
  },
});
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const batchSize = Number(values.batch);
const suffix = Math.random().toString(36).slice(2, 8);
const created: string[] = [];

const urlOf = (database: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
};
async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
async function createDatabase(name: string): Promise<string> {
  await admin((c) => c.query(`create database ${name}`));
  created.push(name);
  return urlOf(name);
}

type Measure = { rows: number; ms: number; cpuMs: number };
async function measure(fn: () => Promise<number>): Promise<Measure> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const rows = await fn();
  const used = process.cpuUsage(cpu);
  return { rows, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}
const perSecond = (m: Measure) => Math.round(m.rows / (m.ms / 1000));
const report = (label: string, m: Measure) =>
  console.log(
    `${label.padEnd(40)} ${String(m.rows).padStart(9)} rows  ${(m.ms / 1000).toFixed(1).padStart(6)} s  ${perSecond(m).toLocaleString('en').padStart(9)} rows/s  (node cpu ${(m.cpuMs / 1000).toFixed(1)} s)`,
  );

try {
  let sourceUrl = values['source-url'];
  if (!sourceUrl) {
    sourceUrl = await createDatabase(`sidelight_bench_source_${suffix}`);
    const scale = values.scale as ScaleName;
    const seeded = await measure(async () => {
      const result = await seedDemo({ target: { type: 'postgres', url: sourceUrl! }, csvDir: `/tmp/sidelight-bench-${suffix}/intercom`, outDir: `/tmp/sidelight-bench-${suffix}`, scale });
      return Object.values(result.counts).reduce((a, b) => a + b, 0);
    });
    report(`seeded the ${scale} demo`, seeded);
  }
  process.env.DEMO_SOURCE_DATABASE_URL = sourceUrl;
  const config = parseConfig((await import('../sidelight.config.ts')).default);
  const configured = config.models.find((m) => m.name === values.model);
  if (!configured?.sql) throw new Error(`no SQL model "${values.model}" in sidelight.config.ts`);
  // The first rows by id: a LIMIT alone may take other rows each time (synchronised sequential scans).
  const model: ModelConfig = values.rows ? { ...configured, sql: `${configured.sql} order by id limit ${Number(values.rows)}` } : configured;
  const app = config.sources[model.source]!.app;
  const sourceDb = new URL(sourceUrl).pathname.slice(1);
  console.log(`model ${model.name} (${model.kind}) from ${sourceDb}; batch ${batchSize}; PostgreSQL ${await admin(async (c) => (await c.query('show server_version')).rows[0].server_version)}`);

  const storeUrl = await createDatabase(`sidelight_bench_store_${suffix}`);
  const source = new pg.Client({ connectionString: sourceUrl });
  const store = new pg.Client({ connectionString: storeUrl });
  await source.connect();
  await store.connect();
  // The baseline table has the model's columns, typed as the source types them, and nothing else.
  const { fields } = await source.query(`select * from (${model.sql}) as m limit 0`);
  const types = await source.query<{ oid: number; name: string }>('select oid::int, format_type(oid, null) as name from pg_type where oid = any($1)', [
    fields.map((f) => f.dataTypeID),
  ]);
  const typeName = new Map(types.rows.map((t) => [t.oid, t.name]));
  await store.query(`create table copy_baseline (${fields.map((f) => `"${f.name}" ${typeName.get(f.dataTypeID)}`).join(', ')})`);

  const copied = await measure(async () => {
    const from = store.query(copyFrom('copy copy_baseline from stdin'));
    await pipeline(source.query(copyTo(`copy (${model.sql}) to stdout`)), from);
    return from.rowCount;
  });
  report('COPY source -> plain table (baseline)', copied);
  const dump: Buffer[] = [];
  await pipeline(source.query(copyTo(`copy (${model.sql}) to stdout`)), async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) dump.push(chunk);
  });
  await store.query('truncate copy_baseline');
  const copyIn = await measure(async () => {
    const from = store.query(copyFrom('copy copy_baseline from stdin'));
    await pipeline(Readable.from(dump), from);
    return from.rowCount;
  });
  report('COPY FROM STDIN alone (rows in memory)', copyIn);
  dump.length = 0;

  // The store's own cost, with no process in between: the same rows inserted into source_records by SQL alone
  // (its five indexes, jsonb payloads), in a transaction rolled back so the sync below starts empty.
  const storeDb = await openStore({ databaseUrl: storeUrl });
  await storeDb.close();
  if (fields.some((f) => f.name === 'id')) {
    const floor = await measure(async () => {
      await store.query('begin');
      const { rowCount } = await store.query(
        `insert into source_records (model, source, kind, source_id, observed_at, run_id, payload, properties, same_as)
         select $1, $2, $3, b.id::text, now(), 0, to_jsonb(b), '{}'::jsonb, '[]'::jsonb from copy_baseline b
         on conflict (model, source_id) do nothing`,
        [model.name, model.source, model.kind],
      );
      await store.query('rollback');
      return rowCount ?? 0;
    });
    report('store floor: INSERT SELECT into source_records', floor);
  }
  await store.query('drop table copy_baseline');
  await source.end();
  await store.end();

  // Where the time goes, without writing: the source read, then the read with the contract and the shaping.
  const connection = connectSource(config, model.source);
  try {
    const read = await measure(async () => {
      let rows = 0;
      for await (const batch of connection.readBatches(model, { batchSize })) rows += batch.length;
      return rows;
    });
    report('source read only (cursor FETCH)', read);
    const shaped = await measure(async () => {
      let rows = 0;
      for await (const batch of connection.readBatches(model, { batchSize })) {
        for (const original of batch) {
          const raw = renameColumns(model, original);
          const verdict = validateRow(model.kind, raw);
          if (verdict.ok) JSON.stringify(shapeRecord(model, app, raw, verdict.parsed));
          rows++;
        }
      }
      return rows;
    });
    report('read + validate + shape + JSON (no writes)', shaped);
  } finally {
    await connection.close();
  }

  const db = await openStore({ databaseUrl: storeUrl });
  try {
    const sync = async () => {
      const summary = await runModel(db.db, config, model, { batchSize, fullRefresh: true });
      if (summary.status !== 'succeeded') throw new Error(`sync failed: ${summary.error}`);
      return summary.rowsRead;
    };
    const first = await measure(sync);
    report('sync into an empty store', first);
    const again = await measure(sync);
    report('sync again (full refresh, rows unchanged)', again);
    const ratio = perSecond(first) / perSecond(copied);
    console.log(`ratio sync/COPY: ${(ratio * 100).toFixed(0)}% (budget >= 50%); vs COPY FROM STDIN alone: ${((perSecond(first) / perSecond(copyIn)) * 100).toFixed(0)}%`);
    console.log(`1M rows would take ${(1_000_000 / perSecond(first)).toFixed(1)} s to sync (budget < 60 s)`);
  } finally {
    await db.close();
  }
} finally {
  // A closed pool's sockets may still be closing: give them a moment, so dropping does not cut them off.
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (!values.keep) for (const name of created.reverse()) await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  else if (created.length) console.log(`kept databases: ${created.join(', ')}`);
}
