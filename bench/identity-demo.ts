/**
 * Identity quality on the demo company's ground truth (DESIGN.md section 10: F1 >= 0.97 for people and for
 * accounts). Reads a synced store and `<dataDir>/demo-sources/ground-truth.csv`, and prints pairwise precision,
 * recall and F1 per entity kind, the links per rule, open review items, and auto-links across a must-not-link.
 *   SIDELIGHT_DATA_DIR=… npm run bench:identity-demo [-- --truth FILE --listing FILE --errors 10]
 * With DATABASE_URL the store is that PostgreSQL database; the truth files still come from the data dir.
 *
 * Three rows per kind:
 *   synced     the entities as the last sync left them;
 *   flagged    after a CS rep flags the `wrong_merge` scenario (a team alias on two people: exact email merges
 *              them by design, DESIGN.md section 4), each record of the wrong person split out of the entity;
 *   reviewed   after that, every open uncertain review item decided as the truth says (merge or reject): the
 *              quality once the queue is worked through.
 * The last two run in a transaction that is rolled back, so the store is left as it was.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../server/config/load.ts';
import { clusterPairMetrics } from '../server/identity/cluster-pair-metrics.ts';
import { decideReview } from '../server/identity/decide-review.ts';
import { flagRecord } from '../server/identity/flag-record.ts';
import { withIdentityLock } from '../server/identity/identity-lock.ts';
import { loadConstraints } from '../server/identity/load-constraints.ts';
import { recordKey, type EntityKind } from '../server/identity/record-keys.ts';
import { DemoListing } from '../server/demo/listing.ts';
import { defaultDataDir, openStore } from '../server/store/open.ts';
import type { Database } from '../server/store/schema.ts';

const { values } = parseArgs({
  options: {
    truth: { type: 'string' },
    listing: { type: 'string' },
    errors: { type: 'string', default: '0' },
    config: { type: 'string' },
  },
});
const dataDir = defaultDataDir();
const truthFile = values.truth ?? path.join(dataDir, 'demo-sources', 'ground-truth.csv');
const listingFile = values.listing ?? path.join(dataDir, 'demo-sources', 'listing.json');
const showErrors = Number(values.errors);

type TruthRow = { record_source: string; record_id: string; entity_kind: EntityKind; true_entity_key: string };
const truthRows = parse(await readFile(truthFile, 'utf8'), { columns: true, skip_empty_lines: true }) as TruthRow[];
const truthOf = new Map(truthRows.map((r) => [`${r.entity_kind}|${recordKey(r.record_source, r.record_id)}`, r.true_entity_key]));
const listing = DemoListing.parse(JSON.parse(await readFile(listingFile, 'utf8')));
const config = await loadConfig(values.config);

interface Member {
  key: string;
  kind: EntityKind;
  entity: string;
  rule: string;
}

async function members(db: Kysely<Database>): Promise<Member[]> {
  const rows = await sql<{ source: string; source_id: string; entity_kind: EntityKind; entity_id: string; rule: string }>`
    select r.source, r.source_id, l.entity_kind, l.entity_id, l.rule
    from entity_links l join source_records r on r.id = l.record_id`.execute(db);
  return rows.rows.map((r) => ({ key: recordKey(r.source, r.source_id), kind: r.entity_kind, entity: r.entity_id, rule: r.rule }));
}

/** Pairs of records a must-not-link keeps apart that share an entity: must be 0. */
async function crossings(db: Kysely<Database>, all: readonly Member[]): Promise<number> {
  const entityOf = new Map(all.map((m) => [`${m.kind}|${m.key}`, m.entity]));
  let count = 0;
  for (const c of (await loadConstraints(db)).mustNotLink) {
    const mine = entityOf.get(`${c.entityKind}|${c.key}`);
    for (const other of c.others) if (mine !== undefined && entityOf.get(`${c.entityKind}|${other}`) === mine) count++;
  }
  return count;
}

const fixed = (x: number) => x.toFixed(4);

async function report(db: Kysely<Database>, label: string): Promise<void> {
  const all = await members(db);
  const open = await db.selectFrom('review_items').select(['entity_kind']).where('kind', '=', 'uncertain').where('status', '=', 'open').execute();
  for (const kind of ['person', 'account'] as const) {
    const mine = all.filter((m) => m.kind === kind);
    const scored = mine.flatMap((m) => {
      const truth = truthOf.get(`${kind}|${m.key}`);
      return truth === undefined ? [] : [{ predicted: m.entity, truth, key: m.key }];
    });
    const metrics = clusterPairMetrics(scored);
    const rules = new Map<string, number>();
    for (const m of mine) rules.set(m.rule, (rules.get(m.rule) ?? 0) + 1);
    console.log(
      `${label.padEnd(9)} ${kind.padEnd(8)} precision ${fixed(metrics.precision)}  recall ${fixed(metrics.recall)}  F1 ${fixed(metrics.f1)}` +
        `  (${scored.length} records, ${metrics.predicted} predicted pairs, ${metrics.truePairs} true pairs; ` +
        `open review items ${open.filter((o) => o.entity_kind === kind).length}; probable_match ${rules.get('probable_match') ?? 0}, verified_domain ${rules.get('verified_domain') ?? 0})`,
    );
    if (showErrors > 0) printErrors(scored);
  }
  console.log(`${label.padEnd(9)} auto-links across a must-not-link: ${await crossings(db, all)}`);
}

/** The largest wrong merges and missed links, to see what limits the score. */
function printErrors(scored: readonly { predicted: string; truth: string; key: string }[]): void {
  const byEntity = Map.groupBy(scored, (s) => s.predicted);
  const byTruth = Map.groupBy(scored, (s) => s.truth);
  const merged = [...byEntity].filter(([, list]) => new Set(list.map((s) => s.truth)).size > 1).slice(0, showErrors);
  const split = [...byTruth].filter(([, list]) => new Set(list.map((s) => s.predicted)).size > 1).slice(0, showErrors);
  for (const [entity, list] of merged) console.log(`  wrong merge ${entity}: ${list.map((s) => `${s.key}=${s.truth}`).join(', ')}`);
  for (const [truth, list] of split) console.log(`  missed ${truth}: ${list.map((s) => `${s.key}->${s.predicted}`).join(', ')}`);
}

/** What a CS rep does with the wrong_merge scenario: flag every record of another person out of the entity. */
async function flagWrongMerge(db: Kysely<Database>): Promise<number> {
  const person = listing.scenarios.wrong_merge.person;
  const all = (await members(db)).filter((m) => m.kind === 'person');
  const entities = new Set(all.filter((m) => truthOf.get(`person|${m.key}`) === person).map((m) => m.entity));
  let flagged = 0;
  for (const entity of entities) {
    for (const m of all.filter((x) => x.entity === entity && truthOf.get(`person|${x.key}`) !== person)) {
      const [source, ...rest] = m.key.split('|');
      const outcome = await flagRecord(db, config, { record: { source: source!, sourceId: rest.join('|') }, entity: { kind: 'person', id: entity } }, { name: 'bench' });
      if (outcome.ok) flagged++;
    }
  }
  return flagged;
}

/** Every open uncertain item decided as the truth says: merge when all its records are one true entity. */
async function decideByTruth(db: Kysely<Database>): Promise<{ merged: number; rejected: number }> {
  const items = await db.selectFrom('review_items').selectAll().where('kind', '=', 'uncertain').where('status', '=', 'open').orderBy('created_at').orderBy('id').execute();
  let merged = 0;
  let rejected = 0;
  for (const item of items) {
    const truths = new Set(item.records.map((r) => truthOf.get(`${item.entity_kind}|${recordKey(r.source, r.sourceId)}`)));
    const decision = truths.size === 1 && !truths.has(undefined) ? 'merge' : 'reject';
    const outcome = await decideReview(db, config, item.id, { decision }, { name: 'bench', role: 'admin' });
    if (outcome.ok) decision === 'merge' ? merged++ : rejected++;
  }
  return { merged, rejected };
}

const store = await openStore({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir });
class Rollback extends Error {}
try {
  console.log(`store ${store.location}; truth ${truthFile} (${truthRows.length} records)`);
  await report(store.db, 'synced');
  await withIdentityLock(store.db, async (trx) => {
    const flagged = await flagWrongMerge(trx);
    console.log(`flagged ${flagged} record(s) of the wrong_merge scenario (${listing.scenarios.wrong_merge.person})`);
    await report(trx, 'flagged');
    const decided = await decideByTruth(trx);
    console.log(`review queue decided by the truth: ${decided.merged} merged, ${decided.rejected} rejected`);
    await report(trx, 'reviewed');
    throw new Rollback();
  }).catch((error: unknown) => {
    if (!(error instanceof Rollback)) throw error;
  });
} finally {
  await store.close();
}
