/**
 * Rollup benchmark (DESIGN section 10: 1M events ingested and rolled up in under 60 s): times the
 * precompute that follows every sync — metrics over every window with priors and sparklines, health,
 * survivorship and matches for every entity — on the store in DATABASE_URL (or SIDELIGHT_DATA_DIR), e.g.
 * the medium demo (~1M events) after `sidelight sync`. Prints entities/s and events rolled up per second.
 *   npm run bench:contexts
 */
import { sql } from 'kysely';
import { loadConfig } from '../server/config/load.ts';
import { refreshContexts } from '../server/context/refresh-contexts.ts';
import { openStore } from '../server/store/open.ts';

const config = await loadConfig();
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.SIDELIGHT_DATA_DIR });
try {
  const counts = await sql<{ entities: string; events: string; records: string }>`
    select (select count(*) from entities) as entities, (select count(*) from source_records where kind = 'events') as events,
      (select count(*) from source_records) as records`.execute(store.db);
  const { entities, events, records } = counts.rows[0]!;
  console.log(`store: ${store.engine} ${store.location}; ${entities} entities, ${records} records of which ${events} events; ${config.metrics.length} metrics`);
  const started = performance.now();
  const result = await refreshContexts(store.db, config);
  const seconds = (performance.now() - started) / 1000;
  console.log(`precomputed ${result.entities} contexts in ${seconds.toFixed(1)} s: ${Math.round(result.entities / seconds)} entities/s, ${Math.round(Number(events) / seconds)} events rolled up/s`);
  console.log(`1M events would roll up in about ${((1_000_000 / Number(events)) * seconds).toFixed(0)} s at this density (budget: ingest + roll-up < 60 s)`);
  console.log(`peak RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
} finally {
  await store.close();
}
