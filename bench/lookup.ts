/**
 * Lookup benchmark: the full POST /v1/lookup path (auth, resolution, properties, serialisation) through the
 * Hono app in-process, against whatever store SIDELIGHT_DATA_DIR / DATABASE_URL holds (run `npm start` or
 * `sidelight sync` first; stop the server when the store is embedded). Prints latency percentiles,
 * throughput and the ratio to the identifier query alone.
 *   npm run bench:lookup -- [--requests 3000] [--concurrency 8]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createToken } from '../server/auth/tokens.ts';
import { loadConfig } from '../server/config/load.ts';
import { createApp } from '../server/http/app.ts';
import { openStore } from '../server/store/open.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '3000' }, concurrency: { type: 'string', default: '8' } } });
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (label: string, ms: number[], wallMs: number) => {
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(22)} n=${ms.length}  p50 ${percentile(sorted, 50).toFixed(2)} ms  p95 ${percentile(sorted, 95).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms  ${Math.round((ms.length / wallMs) * 1000)}/s`,
  );
  return percentile(sorted, 50);
};

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
try {
  const sample = await store.db
    .selectFrom('record_identifiers')
    .select(['type', 'value'])
    .where('type', 'in', ['zendesk_ticket_id', 'email', 'salesforce_id', 'intercom_conversation_id'])
    .orderBy(sql`md5(value)`)
    .limit(1000)
    .execute();
  if (sample.length === 0) throw new Error('the store has no synced records: run `npm start` or `sidelight sync` first');
  const { token } = await createToken(store.db, { name: 'bench', role: 'support_agent', expiresAt: new Date(Date.now() + 3600_000) });
  const app = createApp({ store, config, version: 'bench', runModels: async () => undefined, serialise: (work) => work() });
  const body = (i: number) => JSON.stringify({ host: 'zendesk', identifiers: [sample[i % sample.length]!] });
  const lookup = async (i: number) => {
    const res = await app.request('/v1/lookup', { method: 'POST', body: body(i), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    if (res.status !== 200) throw new Error(`lookup answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  const direct = async (i: number) => {
    const id = sample[i % sample.length]!;
    await store.db
      .selectFrom('record_identifiers as i')
      .innerJoin('source_records as r', 'r.id', 'i.record_id')
      .select(['r.person_entity_id', 'r.account_entity_id'])
      .where('i.type', '=', id.type)
      .where('i.value', '=', id.value)
      .execute();
  };
  await measure(200, concurrency, lookup);
  console.log(`store: ${store.engine} ${store.location}; ${sample.length} distinct identifiers; ${requests} requests, concurrency ${concurrency}`);
  const seq = await measure(requests, 1, lookup);
  const seqP50 = summary('lookup (sequential)', seq.ms, seq.wallMs);
  const par = await measure(requests, concurrency, lookup);
  summary(`lookup (x${concurrency})`, par.ms, par.wallMs);
  const raw = await measure(requests, 1, direct);
  const rawP50 = summary('identifier SQL only', raw.ms, raw.wallMs);
  console.log(`ratio lookup/identifier-SQL (p50): ${(seqP50 / rawP50).toFixed(1)}x`);
} finally {
  await store.close();
}
