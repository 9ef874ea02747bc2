import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../lib/contract/index.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { parseConfig } from '../../server/config/load.ts';
import type { ModelConfig, SidelightConfig } from '../../server/config/schema.ts';
import { startOfUtcDay } from '../../server/demo/generate.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { createApp } from '../../server/http/app.ts';
import { formatSuggestions } from '../../server/suggest/format-suggestions.ts';
import { suggestModels } from '../../server/suggest/suggest-models.ts';
import { SuggestResult, type Proposal } from '../../server/suggest/suggest-result.ts';
import { openTestStore, type TestStore } from './support/databases.ts';

/**
 * Suggest on the demo company, whose hand-written models in sidelight.config.ts are the answer key: every
 * proposal should read the table a person chose for that kind, with the columns they aliased.
 */
let dir: string;
let config: SidelightConfig;
const results = new Map<string, SuggestResult>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-suggest-demo-'));
  process.env.SIDELIGHT_DATA_DIR = dir; // read when the config is imported: the demo sources live under it
  delete process.env.DEMO_SOURCE_DATABASE_URL;
  config = parseConfig((await import('../../sidelight.config.ts')).default);
  const sources = path.join(dir, 'demo-sources');
  await seedDemo({ target: { type: 'pglite', dataDir: path.join(sources, 'db') }, csvDir: path.join(sources, 'intercom'), outDir: dir, seed: 7, now: startOfUtcDay() });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function suggestionsFor(source: string): Promise<SuggestResult> {
  let result = results.get(source);
  if (!result) {
    result = await suggestModels(config, source);
    results.set(source, result);
  }
  return result;
}
const proposal = (result: SuggestResult, kind: string): Proposal => {
  const found = result.proposals.find((p) => p.kind === kind);
  if (!found) throw new Error(`no ${kind} proposal:\n${formatSuggestions(result)}`);
  return found;
};
const columnsOf = (p: Proposal) => Object.fromEntries(p.fields.map((f) => [f.field, f.columns.join('+')]));
/** The table a model reads: its SQL's `from`, or the CSV file. */
const tableOf = (model: { sql?: string | undefined; file?: string | undefined }) => model.file ?? /\bfrom\s+([a-z_]+\.[a-z_]+)/i.exec(model.sql!)![1]!;

describe('suggest on the demo company', () => {
  it('reads crm: accounts with id, name and website as the domain; contacts as users; opportunities; cases', async () => {
    const crm = await suggestionsFor('crm');
    expect(crm.schemas).toEqual(['crm']);
    const accounts = proposal(crm, 'accounts');
    expect(accounts.table).toBe('crm.accounts');
    expect(columnsOf(accounts)).toMatchObject({ id: 'id', name: 'name', domain: 'website', owner: 'owner_name', updated_at: 'last_modified_at' });
    expect(accounts.model.cursor).toBe('updated_at');
    const users = proposal(crm, 'users');
    expect(users.table).toBe('crm.contacts');
    expect(columnsOf(users)).toMatchObject({ id: 'id', email: 'email', name: 'first_name+last_name', account_id: 'account_id' });
    expect(users.model.sameAs).toEqual([{ column: 'zendesk_user_id', source: 'zendesk' }]);
    expect(users.alternatives.map((a) => a.table)).toContain('crm.leads');
    expect(proposal(crm, 'deals').table).toBe('crm.opportunities');
    expect(proposal(crm, 'tickets').table).toBe('crm.cases');
  });

  it('reads zendesk: tickets with requester and organization, organizations linked to the CRM by external_id', async () => {
    const zendesk = await suggestionsFor('zendesk');
    const tickets = proposal(zendesk, 'tickets');
    expect(tickets.table).toBe('zendesk.tickets');
    expect(columnsOf(tickets)).toMatchObject({ id: 'id', requester_id: 'requester_id', account_id: 'organization_id', status: 'status', created_at: 'created_at' });
    expect(zendesk.proposals.find((p) => p.kind === 'conversations')).toBeUndefined();
    const organizations = proposal(zendesk, 'accounts');
    expect(organizations.model.sameAs).toEqual([{ column: 'external_id', source: 'crm' }]);
    expect(organizations.model.sql).toContain('domain_names[1] as domain');
    expect(proposal(zendesk, 'users').notes.join()).toContain("role not in ('agent')");
  });

  it('reads product: events with occurred_at as the time and the cursor, memberships, workspaces linked to billing', async () => {
    const product = await suggestionsFor('product');
    const events = proposal(product, 'events');
    expect(events.table).toBe('product.events');
    expect(columnsOf(events)).toMatchObject({ user_id: 'user_id', account_id: 'workspace_id', name: 'name', occurred_at: 'occurred_at', properties: 'properties' });
    expect(events.model.cursor).toBe('occurred_at');
    expect(columnsOf(proposal(product, 'memberships'))).toMatchObject({ user_id: 'user_id', account_id: 'workspace_id', role: 'role' });
    expect(proposal(product, 'accounts').model.sameAs).toEqual([{ column: 'billing_customer_id', source: 'billing' }]);
  });

  it('reads billing: customers as accounts linked to the CRM, subscriptions and charges', async () => {
    const billing = await suggestionsFor('billing');
    expect(proposal(billing, 'accounts').model.sameAs).toEqual([{ column: 'crm_account_id', source: 'crm' }]);
    expect(columnsOf(proposal(billing, 'subscriptions'))).toMatchObject({ account_id: 'customer_id', plan: 'plan', status: 'status', mrr: 'mrr', started_at: 'started_at' });
    expect(columnsOf(proposal(billing, 'charges'))).toMatchObject({ account_id: 'customer_id', amount: 'amount', status: 'status' });
  });

  it('reads the Intercom CSV exports as renames of their headers', async () => {
    const intercom = await suggestionsFor('intercom');
    expect(proposal(intercom, 'accounts').model).toMatchObject({ file: 'companies.csv', columns: { Id: 'id', Name: 'name', Website: 'domain' } });
    expect(proposal(intercom, 'accounts').model.sameAs).toEqual([{ column: 'external_company_id', source: 'product' }]);
    expect(proposal(intercom, 'users').model).toMatchObject({ file: 'contacts.csv', columns: { Email: 'email', 'Company ID': 'account_id' } });
    expect(proposal(intercom, 'conversations').model).toMatchObject({
      file: 'conversations.csv',
      columns: { 'Conversation ID': 'id', 'Contact ID': 'requester_id', 'Contact email': 'requester_email', State: 'status' },
    });
  });

  it('agrees with the hand-written demo models, and their previews mostly pass', async () => {
    const proposals = [];
    for (const source of Object.keys(config.sources)) proposals.push(...(await suggestionsFor(source)).proposals);
    const written = new Set(config.models.map((m) => `${m.kind} ${tableOf(m)}`));
    for (const p of proposals) {
      expect(written, `${p.kind} from ${p.table}`).toContain(`${p.kind} ${tableOf(p.model)}`);
      expect(p.preview.error).toBeUndefined();
      expect(p.preview.rows).toBe(20);
      expect(p.preview.passed, `${p.kind} from ${p.table}: ${JSON.stringify(p.preview.failures)}`).toBeGreaterThanOrEqual(16);
      expect(p.confidence).toBeGreaterThan(0.8);
    }
    // Every hand-written model but the CRM's leads (a second users table) is found.
    expect(proposals.length).toBe(config.models.length - 1);
    // The proposals make a valid configuration on their own.
    const suggested = parseConfig({ sources: config.sources, models: proposals.map((p) => p.model) });
    expect(suggested.models.map((m: ModelConfig) => m.name)).toContain('zendesk_tickets');
    // The demo config already holds these models: each proposal says so rather than clash when pasted.
    expect(proposals.find((p) => p.model.name === 'crm_accounts')?.notes).toContain('the config already has a model named crm_accounts: rename this one, or compare the two');
  });
});

describe('POST /v1/sources/{id}/suggest', () => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  let admin: string;
  let agent: string;
  const call = (route: string, token: string, body?: unknown) =>
    app.request(route, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

  beforeAll(async () => {
    t = await openTestStore('pglite');
    app = createApp({ store: t.store, config, version: 'test', runModels: async () => undefined, serialise: (work) => work() });
    admin = (await createToken(t.store.db, { name: 'Root', role: 'admin' })).token;
    agent = (await createToken(t.store.db, { name: 'Ada Agent', role: 'support_agent' })).token;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers an admin with the proposals and the snippet', async () => {
    const res = await call('/v1/sources/intercom/suggest', admin, { previewRows: 5 });
    expect(res.status).toBe(200);
    const result = SuggestResult.parse(await res.json());
    expect(result.proposals.map((p) => p.kind)).toEqual(['accounts', 'users', 'conversations']);
    expect(result.proposals.every((p) => p.preview.rows === 5)).toBe(true);
    expect(result.snippet).toContain("file: 'companies.csv'");
    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/v1/sources/{id}/suggest');
  });

  it('reads a schema asked for by name, with no body fields needed', async () => {
    const res = await call('/v1/sources/crm/suggest', admin, { schema: 'billing', previewRows: 3 });
    expect(res.status).toBe(200);
    expect(SuggestResult.parse(await res.json()).proposals.map((p) => p.table)).toContain('billing.subscriptions');
    expect((await call('/v1/sources/intercom/suggest', admin)).status).toBe(200);
  });

  it('refuses non-admins, unknown sources and unknown schemas with problem+json', async () => {
    expect((await call('/v1/sources/crm/suggest', agent, {})).status).toBe(403);
    const unknown = await call('/v1/sources/nope/suggest', admin, {});
    expect(unknown.status).toBe(404);
    expect(Problem.parse(await unknown.json()).detail).toContain('known: crm');
    const schema = await call('/v1/sources/crm/suggest', admin, { schema: 'nope' });
    expect(schema.status).toBe(404);
    expect(Problem.parse(await schema.json()).detail).toContain('no schema "nope"');
    expect((await call('/v1/sources/crm/suggest', admin, { previewRows: 0 })).status).toBe(400);
  });
});
