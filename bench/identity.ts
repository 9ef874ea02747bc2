/**
 * Identity resolution speed (DESIGN.md section 10: 1M person source records resolved to entities, links
 * written, in under 2 minutes on 2 cores). Generates synthetic person records with duplicates and typos
 * (`identity-records.ts`) straight into a store, then times `rebuildEntities` — deterministic rules, the
 * probabilistic pass, the writes and the re-pointing of activity — first on an empty identity state, then
 * again with nothing changed. Prints records/s, candidate pairs, peak RSS, the stages, and pairwise F1
 * against the synthetic truth; then the same on PGlite at a smaller size.
 *   npm run bench:identity -- [--records 1000000] [--tickets 0] [--pglite-records 50000] [--keep]
 * `--tickets R`: also R tickets per person record (naming their requester), so the re-pointing of activity
 * is timed too. The records are generated and loaded by a child process: the timed rebuild starts with a
 * clean heap, and the peak RSS printed is the rebuild's.
 * The PostgreSQL store is DATABASE_URL (emptied of source records first: use a throwaway database) or a new
 * database on BENCH_DATABASE_URL's server, dropped at the end unless --keep.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { parseConfig } from '../server/config/load.ts';
import { copyTextValue } from '../server/demo/copy-text.ts';
import { clusterPairMetrics } from '../server/identity/cluster-pair-metrics.ts';
import { rebuildEntities } from '../server/identity/rebuild-entities.ts';
import { openStore, type Store } from '../server/store/open.ts';
import type { Database } from '../server/store/schema.ts';
import { BENCH_SOURCES, benchRecords, type BenchRecord } from './identity-records.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    tickets: { type: 'string', default: '0' },
    'load-only': { type: 'string' },
    'pglite-records': { type: 'string', default: '50000' },
    keep: { type: 'boolean', default: false },
  },
});
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const config = parseConfig({
  sources: Object.fromEntries(BENCH_SOURCES.map((s) => [s, { type: 'csv', dir: '.', system: s === 'crm' ? 'crm' : s === 'product' ? 'product' : 'support' }])),
  models: [
    { name: 'crm_accounts', kind: 'accounts', source: 'crm', file: 'accounts.csv' },
    ...BENCH_SOURCES.flatMap((s) => [
      { name: `${s}_users`, kind: 'users', source: s, file: `${s}-users.csv` },
      { name: `${s}_tickets`, kind: 'tickets', source: s, file: `${s}-tickets.csv` },
    ]),
  ],
});

const COLUMNS = 'model, source, kind, source_id, observed_at, run_id, payload, properties, person_ref';
const row = (r: BenchRecord, now: string) => [`${r.source}_${r.kind}`, r.source, r.kind, r.sourceId, now, '0', r.payload, {}, r.personRef] as const;

async function copyRecords(url: string, records: readonly BenchRecord[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const now = new Date().toISOString();
    function* lines() {
      for (let i = 0; i < records.length; i += 10_000) {
        let out = '';
        for (const r of records.slice(i, i + 10_000)) {
          out += row(r, now).map((v) => copyTextValue(v, typeof v === 'object' && v !== null ? 'jsonb' : 'text')).join('\t') + '\n';
        }
        yield out;
      }
    }
    await pipeline(Readable.from(lines()), client.query(copyFrom(`copy source_records (${COLUMNS}) from stdin`)));
  } finally {
    await client.end();
  }
}

async function insertRecords(db: Kysely<Database>, records: readonly BenchRecord[]): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < records.length; i += 20_000) {
    const chunk = records.slice(i, i + 20_000).map((r) => row(r, now));
    await sql`insert into source_records (${sql.raw(COLUMNS)})
      select m, s, k, id, ${now}::timestamptz, 0, p, '{}'::jsonb, ref from unnest(${chunk.map((c) => c[0])}::text[], ${chunk.map((c) => c[1])}::text[],
        ${chunk.map((c) => c[2])}::text[], ${chunk.map((c) => c[3])}::text[], ${chunk.map((c) => JSON.stringify(c[6]))}::jsonb[], ${chunk.map((c) => c[8])}::text[])
        as x(m, s, k, id, p, ref)`.execute(db);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function quality(db: Kysely<Database>): Promise<string> {
  const rows = await sql<{ source_id: string; entity_id: string }>`select r.source_id, l.entity_id from entity_links l join source_records r on r.id = l.record_id where l.entity_kind = 'person'`.execute(db);
  const m = clusterPairMetrics(rows.rows.map((r) => ({ predicted: r.entity_id, truth: r.source_id.split('-')[0]! })));
  return `precision ${m.precision.toFixed(4)} recall ${m.recall.toFixed(4)} F1 ${m.f1.toFixed(4)} (${m.predicted} predicted pairs, ${m.truePairs} true pairs)`;
}

async function timeRebuilds(store: Store, label: string, users: number, tickets: number): Promise<void> {
  await sql`analyze source_records`.execute(store.db);
  for (const pass of ['first build', 'again, nothing changed']) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await rebuildEntities(store.db, config);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    console.log(
      `${label} ${pass}: ${users.toLocaleString('en')} person records (+${tickets.toLocaleString('en')} tickets) in ${seconds(ms)}` +
        ` = ${Math.round(users / (ms / 1000)).toLocaleString('en')} records/s; node cpu ${seconds((used.user + used.system) / 1000)};` +
        ` ${result.people.toLocaleString('en')} people; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    console.log(`  stages: ${Object.entries(result.timings).map(([k, v]) => `${k} ${seconds(v)}`).join(', ')}`);
    for (const [kind, p] of Object.entries(result.probable)) {
      console.log(
        `  probabilistic (${kind}): ${p.candidatePairs.toLocaleString('en')} candidate pairs across deterministic entities, ${p.aboveAuto.toLocaleString('en')} at or above auto,` +
          ` ${p.betweenThresholds.toLocaleString('en')} between the thresholds; engine ${Object.entries(p.timings).map(([k, v]) => `${k} ${seconds(v)}`).join(', ')}`,
      );
    }
    console.log(`  review items opened ${result.reviews.opened} (waiting ${result.reviews.waiting}); automatic links refused: ${JSON.stringify(result.refused.counts)}`);
  }
  console.log(`  quality against the synthetic truth: ${await quality(store.db)}`);
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const records = Number(values.records);
const ticketRate = Number(values.tickets);
const pgliteRecords = Number(values['pglite-records']);

/**
 * Generates the records in a child process and loads them, so the timed rebuild starts with a clean heap
 * and its peak RSS is its own. Returns the counts.
 */
async function loadInChild(target: { url: string } | { dataDir: string }, count: number): Promise<{ users: number; tickets: number }> {
  const args = [process.argv[1]!, '--load-only', JSON.stringify({ target, count, tickets: ticketRate })];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`loading the records failed (exit ${code})`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as { users: number; tickets: number };
}

if (values['load-only']) {
  const job = JSON.parse(values['load-only']) as { target: { url: string } | { dataDir: string }; count: number; tickets: number };
  // About 1.5 records per synthetic person.
  const { users, tickets } = benchRecords(Math.round(job.count / 1.5), { ticketsPerPerson: job.tickets });
  if ('url' in job.target) await copyRecords(job.target.url, [...users, ...tickets]);
  else {
    const store = await openStore({ dataDir: job.target.dataDir });
    await insertRecords(store.db, [...users, ...tickets]);
    await store.close();
  }
  console.log(JSON.stringify({ users: users.length, tickets: tickets.length }));
  process.exit(0);
}

if (records > 0) {
  let url = process.env.DATABASE_URL;
  let created: string | null = null;
  if (!url) {
    created = `sidelight_bench_identity_${Math.random().toString(36).slice(2, 8)}`;
    await admin((c) => c.query(`create database ${created}`));
    const u = new URL(adminUrl);
    u.pathname = `/${created}`;
    url = u.toString();
  }
  const store = await openStore({ databaseUrl: url });
  try {
    await sql`truncate source_records, entities, identity_members, identity_history, review_items cascade`.execute(store.db);
    const started = performance.now();
    const counts = await loadInChild({ url }, records);
    console.log(`PostgreSQL: generated and copied ${counts.users.toLocaleString('en')} person records and ${counts.tickets.toLocaleString('en')} tickets in ${seconds(performance.now() - started)}`);
    await timeRebuilds(store, 'PostgreSQL', counts.users, counts.tickets);
  } finally {
    await store.close();
    if (created && !values.keep) await admin((c) => c.query(`drop database if exists ${created} with (force)`));
    else if (created) console.log(`kept ${url}`);
  }
}

if (pgliteRecords > 0) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-bench-identity-'));
  try {
    // The store is created (migrated) first, then filled by the child, then opened here for the timing.
    await (await openStore({ dataDir })).close();
    const counts = await loadInChild({ dataDir }, pgliteRecords);
    const store = await openStore({ dataDir });
    try {
      await timeRebuilds(store, 'PGlite', counts.users, counts.tickets);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
