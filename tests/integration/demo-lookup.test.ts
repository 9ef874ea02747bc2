import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context, Identifier } from '../../lib/contract/index.ts';
import { parseConfig } from '../../server/config/load.ts';
import type { SidelightConfig } from '../../server/config/schema.ts';
import { demoPaths } from '../../server/cli/demo-paths.ts';
import type { DemoListing, ScenarioTag } from '../../server/demo/listing.ts';
import { readDemoListing, seedDemo } from '../../server/demo/seed.ts';
import { buildContext } from '../../server/lookup/build-context.ts';
import { syncModels } from '../../server/models/sync.ts';
import { openStore, type Store } from '../../server/store/open.ts';

/**
 * The demo company through exactly the path a customer's data takes: seeded source databases and CSV
 * exports, the demo config's SQL models, the sync, entities, and the lookup the sidebar calls.
 */
let dir: string;
let store: Store;
let config: SidelightConfig;
let listing: DemoListing;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-demo-'));
  delete process.env.DEMO_SOURCE_DATABASE_URL;
  process.env.SIDELIGHT_DATA_DIR = dir;
  const paths = demoPaths(dir);
  await seedDemo({ target: paths.target, csvDir: paths.csvDir, outDir: paths.outDir, scale: 'small' });
  config = parseConfig((await import('../../sidelight.config.ts')).default);
  listing = await readDemoListing(paths.outDir);
  store = await openStore({ dataDir: path.join(dir, 'store') });
  const result = await syncModels(store.db, config);
  expect(result.runs.filter((r) => r.status !== 'succeeded')).toEqual([]);
}, 300_000);

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const lookup = (identifiers: Identifier[]): Promise<Context> => buildContext(store.db, config, { identifiers, role: 'admin' });
const scenario = (tag: ScenarioTag) => {
  const s = listing.scenarios[tag];
  if (!s) throw new Error(`no scenario ${tag}`);
  const account = listing.accounts.find((a) => a.id === s.account)!;
  const person = account.people.find((p) => p.id === s.person);
  return { account, person };
};

describe('the demo company, synced and looked up', () => {
  it('clean_match: the ticket resolves to its account and requester, with a source for every property', async () => {
    const { account, person } = scenario('clean_match');
    const context = await lookup([{ type: 'zendesk_ticket_id', value: String(person!.tickets[0]) }]);
    expect(context.status).toBe('matched');
    expect(context.account?.name).toBe(account.name);
    expect(context.person?.detail).toBe(person!.email!.trim().toLowerCase());
    expect(context.properties.length).toBeGreaterThan(3);
    for (const property of context.properties) expect(config.sources[property.source]?.system).toBe(property.system);
    const sources = new Set(context.matches.filter((m) => m.entity.kind === 'account').map((m) => m.source));
    expect([...sources].sort()).toEqual(['billing', 'crm', 'intercom', 'product', 'zendesk']);
  });

  it('salesforce_15_char_id: the 15-character id finds the account', async () => {
    const { account } = scenario('salesforce_15_char_id');
    expect(account.ids.salesforce).toHaveLength(15);
    const context = await lookup([{ type: 'salesforce_id', value: account.ids.salesforce! }]);
    expect(context.account?.name).toBe(account.name);
  });

  it('ambiguous: a person in two accounts gets both as candidates', async () => {
    const { person } = scenario('ambiguous');
    const context = await lookup([{ type: 'email', value: person!.email! }]);
    expect(context.status).toBe('ambiguous');
    expect(context.candidates.length).toBeGreaterThanOrEqual(2);
  });

  it('unknown_requester: the ticket finds only the requester, no account', async () => {
    const { person } = scenario('unknown_requester');
    const context = await lookup([{ type: 'zendesk_ticket_id', value: String(person!.tickets[0]) }]);
    expect(context.account).toBeNull();
    expect(context.person).not.toBeNull();
  });

  it('stale_source: the Intercom export that stopped arriving is marked stale', async () => {
    const { person } = scenario('stale_source');
    const context = await lookup([{ type: 'email', value: person!.email! }]);
    expect(context.freshness.stale).toBe(true);
    expect(context.freshness.staleModels.every((m) => m.startsWith('intercom_'))).toBe(true);
    expect(context.freshness.staleModels.length).toBeGreaterThan(0);
  });
});
