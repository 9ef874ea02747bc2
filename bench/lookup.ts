/**
 * Lookup benchmark (DESIGN section 10): the whole POST /v1/lookup path (auth, resolution, the precomputed
 * context, role cut, serialisation) through the Hono app in-process, against the store that
 * DATABASE_URL (or SIDELIGHT_DATA_DIR) holds — sync the demo first; stop the server when the store is
 * embedded. For each identifier type (email, Zendesk ticket id, Salesforce id) at concurrency 1 and 50:
 * p50/p95/p99 and lookups/s, and the same SQL statements run directly with `pg` as the baseline ratio.
 * The load generator runs in this process, so its CPU counts against the numbers. Rate limiting is off.
 *   npm run bench:lookup -- [--requests 3000] [--concurrency 50]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { normaliseIdentifier, type Identifier } from '../lib/contract/index.ts';
import { createToken, hashToken } from '../server/auth/tokens.ts';
import { loadConfig } from '../server/config/load.ts';
import { createApp } from '../server/http/app.ts';
import { lookupQuery } from '../server/lookup/resolve-identifiers.ts';
import { openStore } from '../server/store/open.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '3000' }, concurrency: { type: 'string', default: '50' } } });
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const TYPES = ['email', 'zendesk_ticket_id', 'salesforce_id'] as const;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
function summary(label: string, ms: number[], wallMs: number) {
  const sorted = [...ms].sort((a, b) => a - b);
  const perSecond = Math.round((ms.length / wallMs) * 1000);
  console.log(
    `${label.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(2).padStart(6)} ms  p95 ${percentile(sorted, 95).toFixed(2).padStart(6)} ms  p99 ${percentile(sorted, 99).toFixed(2).padStart(6)} ms  ${String(perSecond).padStart(5)}/s`,
  );
  return { p99: percentile(sorted, 99), perSecond };
}

async function measure(count: number, parallel: number, fn: (i: number) => Promise<void>): Promise<{ ms: number[]; wallMs: number }> {
  const ms: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        ms.push(performance.now() - t);
      }
    }),
  );
  return { ms, wallMs: performance.now() - started };
}

const config = await loadConfig();
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.SIDELIGHT_DATA_DIR });
const direct = process.env.DATABASE_URL ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.SIDELIGHT_PG_POOL ?? 10) }) : null;
try {
  const { token } = await createToken(store.db, { name: 'bench', role: 'cs_rep', expiresAt: new Date(Date.now() + 3600_000) });
  const app = createApp({ store, config, version: 'bench', runModels: async () => undefined, serialise: (work) => work() });
  const counts = await sql<{ entities: string; records: string }>`select (select count(*) from entities) as entities, (select count(*) from source_records) as records`.execute(store.db);
  console.log(`store: ${store.engine} ${store.location}; ${counts.rows[0]!.entities} entities, ${counts.rows[0]!.records} records; ${requests} lookups per row`);
  console.log(`budget: p99 < 20 ms and >= 2,000 lookups/s at concurrency 50, load generator included\n`);

  let worst = { p99: 0, perSecond: Infinity };
  for (const type of TYPES) {
    const sample = (
      await store.db.selectFrom('record_identifiers').select(['type', 'value']).where('type', '=', type).orderBy(sql`md5(value)`).limit(1000).execute()
    ).map((r) => ({ type: r.type, value: r.value }) as Identifier);
    if (sample.length === 0) {
      console.log(`${type}: no identifiers of this type in the store`);
      continue;
    }
    const body = (i: number) => JSON.stringify({ host: 'zendesk', identifiers: [sample[i % sample.length]!] });
    const lookup = async (i: number) => {
      const res = await app.request('/v1/lookup', { method: 'POST', body: body(i), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
      if (res.status !== 200) throw new Error(`lookup answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    await measure(Math.min(300, requests), concurrency, lookup);
    const seq = await measure(requests, 1, lookup);
    summary(`${type} x1`, seq.ms, seq.wallMs);
    const par = await measure(requests, concurrency, lookup);
    const figures = summary(`${type} x${concurrency}`, par.ms, par.wallMs);
    worst = { p99: Math.max(worst.p99, figures.p99), perSecond: Math.min(worst.perSecond, figures.perSecond) };

    if (direct) {
      // The same statements the route runs (token check, then the one lookup statement, both prepared), straight through pg.
      const compiled = sample.map((id) => lookupQuery([normaliseIdentifier(id)!]).compile(store.db));
      const tokenHash = hashToken(token);
      const raw = async (i: number) => {
        await direct.query({ name: 'bench_authenticate', text: 'select * from "tokens" where "token_hash" = $1', values: [tokenHash] });
        const q = compiled[i % compiled.length]!;
        await direct.query({ name: 'bench_lookup_1', text: q.sql, values: q.parameters as unknown[] });
      };
      const rawPar = await measure(requests, concurrency, raw);
      const baseline = summary(`${type} same SQL via pg x${concurrency}`, rawPar.ms, rawPar.wallMs);
      console.log(`${''.padEnd(34)} lookups/s as a share of the SQL alone: ${(figures.perSecond / baseline.perSecond).toFixed(2)}`);
    }
  }
  console.log(`\nworst across types at x${concurrency}: p99 ${worst.p99.toFixed(2)} ms (budget < 20), ${worst.perSecond}/s (budget >= 2000)`);
} finally {
  await direct?.end();
  await store.close();
}
