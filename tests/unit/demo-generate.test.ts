import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseEmail, normaliseSalesforceId, ROW_SCHEMAS, salesforceObjectOf, type ModelKind } from '../../lib/contract/index.ts';
import type { DemoCompany, Row } from '../../server/demo/company.ts';
import { generateDemoCompany } from '../../server/demo/generate.ts';
import { DemoListing, SCENARIO_TAGS } from '../../server/demo/listing.ts';
import { createRandom } from '../../server/demo/random.ts';
import { ALL_TABLES, type TableName } from '../../server/demo/tables.ts';

const now = new Date('2026-11-02T00:00:00.000Z');
let company: DemoCompany;
const fingerprint = (c: DemoCompany) => createHash('sha256').update(JSON.stringify(c)).digest('hex');

beforeAll(() => {
  company = generateDemoCompany({ seed: 1, now });
});

describe('createRandom', () => {
  it('repeats its stream for a seed and forks independent streams', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    const random = createRandom(3);
    const before = random.fork('x').next();
    random.next();
    expect(random.fork('x').next()).toBe(before);
  });
});

describe('generateDemoCompany', () => {
  it('is deterministic for a seed and a now, and another seed gives another company', () => {
    expect(fingerprint(generateDemoCompany({ seed: 1, now }))).toBe(fingerprint(company));
    const other = generateDemoCompany({ seed: 2, now });
    expect(fingerprint(other)).not.toBe(fingerprint(company));
    expect(other.listing.accounts[0]!.name).not.toBe(company.listing.accounts[0]!.name);
  });

  it('has the size of the small scale', () => {
    const t = company.tables;
    expect(company.listing.accounts).toHaveLength(300);
    const people = new Set(company.listing.accounts.flatMap((a) => a.people.map((p) => p.id)));
    expect(people.size).toBeGreaterThan(2000);
    expect(t['product.events'].length).toBeGreaterThan(90_000);
    expect(t['product.events'].length).toBeLessThan(110_000);
    for (const table of ALL_TABLES) expect(t[table].length, table).toBeGreaterThan(0);
    expect(company.badRows.length).toBeGreaterThan(20);
    expect(company.badRows.length).toBeLessThan(50);
  });

  it('mints 18-character Salesforce ids with the right key prefix and checksum', () => {
    const prefixes: [TableName, string, string][] = [
      ['crm.accounts', 'id', '001'], ['crm.contacts', 'id', '003'], ['crm.leads', 'id', '00Q'], ['crm.opportunities', 'id', '006'],
      ['crm.cases', 'id', '500'], ['crm.accounts', 'parent_id', '001'], ['crm.contacts', 'account_id', '001'],
      ['crm.opportunities', 'account_id', '001'], ['crm.opportunities', 'primary_contact_id', '003'], ['crm.cases', 'contact_id', '003'],
    ];
    const seen = new Set<string>();
    for (const [table, column, prefix] of prefixes) {
      for (const row of company.tables[table]) {
        const id = row[column];
        if (id === null) continue;
        expect(typeof id).toBe('string');
        const text = id as string;
        expect(text, `${table}.${column}`).toMatch(/^[a-zA-Z0-9]{18}$/);
        expect(text.slice(0, 3)).toBe(prefix);
        expect(salesforceObjectOf(text)).not.toBeNull();
        expect(normaliseSalesforceId(text)).toBe(text);
        expect(normaliseSalesforceId(text.slice(0, 15))).toBe(text);
        expect(normaliseSalesforceId(text.toLowerCase())).toBe(text);
        if (column === 'id') {
          expect(seen.has(text.toLowerCase()), text).toBe(false);
          seen.add(text.toLowerCase());
        }
      }
    }
    // Ids other systems store point at real CRM accounts, in either form.
    const crmAccounts = new Set(company.tables['crm.accounts'].map((a) => a.id));
    const stored = [
      ...company.tables['billing.customers'].map((c) => c.crm_account_id),
      ...company.tables['zendesk.organizations'].map((o) => o.external_id),
    ].filter((id): id is string => typeof id === 'string');
    expect(stored.some((id) => id.length === 15)).toBe(true);
    for (const id of stored) expect(crmAccounts.has(normaliseSalesforceId(id))).toBe(true);
  });

  it('lists every scenario, each pointing at an account and one of its people', () => {
    expect(() => DemoListing.parse(company.listing)).not.toThrow();
    expect(Object.keys(company.listing.scenarios).sort()).toEqual([...SCENARIO_TAGS].sort());
    for (const scenario of Object.values(company.listing.scenarios)) {
      const account = company.listing.accounts.find((a) => a.id === scenario.account);
      expect(account?.people.some((p) => p.id === scenario.person)).toBe(true);
      expect(scenario.note.length).toBeGreaterThan(20);
    }
  });

  it('realises each scenario in the data', () => {
    const { scenarios } = company.listing;
    const t = company.tables;
    const truth = new Map(company.groundTruth.map((g) => [`${g.record_source}:${g.record_id}`, g.true_entity_key]));
    const account = (id: string) => company.listing.accounts.find((a) => a.id === id)!;
    const person = (accountId: string, id: string) => account(accountId).people.find((p) => p.id === id)!;
    const email = (value: unknown) => normaliseEmail(String(value ?? ''));

    const clean = person(scenarios.clean_match.account, scenarios.clean_match.person);
    expect(clean.ids.salesforce && clean.ids.zendesk_user && clean.ids.intercom_contact).toBeTruthy();
    const contact = t['crm.contacts'].find((c) => c.id === clean.ids.salesforce)!;
    expect(contact.zendesk_user_id).toBe(clean.ids.zendesk_user);
    expect(contact.email).toBe(clean.email);
    expect(t['zendesk.users'].find((u) => u.id === clean.ids.zendesk_user)!.email).toBe(clean.email);
    expect(clean.tickets.length).toBeGreaterThan(0);

    // The alias Sam uses sits on a CRM contact of somebody else.
    const sam = person(scenarios.wrong_merge.account, scenarios.wrong_merge.person);
    const aliasContacts = t['crm.contacts'].filter((c) => email(c.email) === sam.email);
    expect(aliasContacts).toHaveLength(1);
    expect(truth.get(`crm:${aliasContacts[0]!.id}`)).not.toBe(sam.id);
    expect(t['product.users'].some((u) => email(u.email) === sam.email && truth.get(`product:${u.id}`) === sam.id)).toBe(true);

    // The consultant belongs to two accounts' workspaces, and Zendesk knows no organization for them.
    const consultant = person(scenarios.ambiguous.account, scenarios.ambiguous.person);
    const user = t['product.users'].find((u) => truth.get(`product:${u.id}`) === consultant.id)!;
    const workspaces = t['product.memberships'].filter((m) => m.user_id === user.id).map((m) => truth.get(`product:${m.workspace_id}`));
    expect(new Set(workspaces).size).toBe(2);
    expect(company.listing.accounts.filter((a) => a.people.some((p) => p.id === consultant.id))).toHaveLength(2);
    expect(t['zendesk.users'].find((u) => u.id === consultant.ids.zendesk_user)!.organization_id).toBeNull();

    // The unknown requester's address appears nowhere but in Zendesk.
    const unknown = person(scenarios.unknown_requester.account, scenarios.unknown_requester.person);
    const elsewhere = ALL_TABLES.filter((table) => table !== 'zendesk.users' && table !== 'intercom.conversations').flatMap((table) =>
      company.tables[table].filter((row) => Object.values(row).some((v) => typeof v === 'string' && email(v) === unknown.email)),
    );
    expect(elsewhere).toEqual([]);
    expect(unknown.tickets.length).toBeGreaterThan(0);
    expect(Object.values({ ...unknown.ids, zendesk_user: null }).every((v) => v === null)).toBe(true);

    const subsidiary = account(scenarios.subsidiary_shared_domain.account);
    const siblings = company.listing.accounts.filter((a) => a.domain === subsidiary.domain);
    expect(siblings.length).toBeGreaterThan(1);
    expect(t['crm.accounts'].find((a) => a.id === subsidiary.ids.salesforce)!.parent_id).toBe(siblings.find((a) => a !== subsidiary)!.ids.salesforce);

    const fifteen = account(scenarios.salesforce_15_char_id.account);
    expect(fifteen.ids.salesforce).toHaveLength(15);
    expect(t['billing.customers'].find((c) => c.id === fifteen.ids.billing)!.crm_account_id).toBe(fifteen.ids.salesforce);

    const stale = person(scenarios.stale_source.account, scenarios.stale_source.person);
    expect(stale.ids.intercom_contact).not.toBeNull();
    expect(stale.conversations.length).toBeGreaterThan(0);
    expect(Date.parse(company.intercomExportedAt)).toBeLessThan(now.getTime() - 7 * 86_400_000);
    for (const table of ['intercom.companies', 'intercom.contacts', 'intercom.conversations'] as const) {
      for (const row of company.tables[table]) {
        for (const value of Object.values(row)) if (isTimestamp(value)) expect(value <= company.intercomExportedAt).toBe(true);
      }
    }
  });

  it('keeps a ground truth row for every account and person record, and none for the junk', () => {
    const keys = company.groundTruth.map((g) => `${g.record_source}:${g.record_id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const bad = new Set(company.badRows.map((b) => `${b.source}:${b.key}`));
    expect(keys.filter((k) => bad.has(k))).toEqual([]);
    const identityTables: [TableName, string, string][] = [
      ['crm.accounts', 'crm', 'id'], ['crm.contacts', 'crm', 'id'], ['crm.leads', 'crm', 'id'], ['billing.customers', 'billing', 'id'],
      ['product.workspaces', 'product', 'id'], ['product.users', 'product', 'id'], ['zendesk.organizations', 'zendesk', 'id'],
      ['intercom.companies', 'intercom', 'Id'], ['intercom.contacts', 'intercom', 'Id'],
    ];
    const known = new Set(keys);
    for (const [table, source, column] of identityTables) {
      for (const row of company.tables[table]) {
        const key = `${source}:${row[column]}`;
        if (!bad.has(key)) expect(known.has(key), key).toBe(true);
      }
    }
  });

  it('puts nothing after now, except the planned bad rows', () => {
    const bad = new Set(company.badRows.map((b) => `${b.table}:${b.key}`));
    const limit = now.toISOString();
    const late: string[] = [];
    for (const table of ALL_TABLES) {
      for (const row of company.tables[table]) {
        for (const value of Object.values(row)) {
          if (isTimestamp(value) && value > limit && !bad.has(`${table}:${rowKey(table, row)}`)) late.push(`${table} ${JSON.stringify(row)}`);
        }
      }
    }
    expect(late).toEqual([]);
    expect(company.badRows.some((b) => b.reason === 'date in the future')).toBe(true);
  });

  it('plans bad rows that the contract rejects, among rows that pass', () => {
    const planned = new Map(company.badRows.map((b) => [`${b.table}:${b.key}`, b]));
    for (const table of ALL_TABLES) {
      const kind = KIND_OF[table];
      if (!kind) continue;
      const rows = company.tables[table];
      const bad = rows.filter((row) => planned.has(`${table}:${rowKey(table, row)}`));
      for (const row of bad) expect(ROW_SCHEMAS[kind].safeParse(asKindRow(table, row)).success, `${table} ${JSON.stringify(row)}`).toBe(false);
      const sample = rows.filter((row) => !planned.has(`${table}:${rowKey(table, row)}`)).slice(0, 200);
      for (const row of sample) {
        const parsed = ROW_SCHEMAS[kind].safeParse(asKindRow(table, row));
        expect(parsed.success, `${table} ${JSON.stringify(row)} ${parsed.error?.message}`).toBe(true);
      }
    }
    expect(new Set(company.badRows.map((b) => b.kind))).toEqual(
      new Set(['accounts', 'users', 'deals', 'tickets', 'subscriptions', 'charges', 'memberships', 'events', 'conversations']),
    );
  });
});

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(value);
}

/** The kind each table feeds (sidelight.config.ts), and how its columns read as the kind's names. */
const KIND_OF: Partial<Record<TableName, ModelKind>> = {
  'crm.accounts': 'accounts', 'crm.contacts': 'users', 'crm.opportunities': 'deals', 'crm.cases': 'tickets',
  'billing.subscriptions': 'subscriptions', 'billing.charges': 'charges', 'product.users': 'users',
  'product.memberships': 'memberships', 'product.events': 'events', 'zendesk.tickets': 'tickets', 'zendesk.users': 'users',
  'intercom.contacts': 'users', 'intercom.conversations': 'conversations',
};

const RENAMES: Partial<Record<TableName, Record<string, string>>> = {
  'billing.subscriptions': { customer_id: 'account_id' },
  'billing.charges': { customer_id: 'account_id' },
  'crm.opportunities': { primary_contact_id: 'contact_id' },
  'crm.cases': { contact_id: 'requester_id' },
  'product.users': { display_name: 'name' },
  'product.memberships': { workspace_id: 'account_id' },
  'product.events': { workspace_id: 'account_id' },
  'zendesk.users': { organization_id: 'account_id' },
  'zendesk.tickets': { organization_id: 'account_id' },
  'intercom.contacts': { Id: 'id', Name: 'name', Email: 'email', 'Created at': 'created_at' },
  'intercom.conversations': { 'Conversation ID': 'id', State: 'status', 'Created at': 'created_at' },
};

function asKindRow(table: TableName, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) out[RENAMES[table]?.[column] ?? column] = value;
  if (table === 'crm.contacts') out.name = [row.first_name, row.last_name].filter(Boolean).join(' ');
  if (table === 'billing.subscriptions' || table === 'billing.charges') out.currency = String(row.currency).toUpperCase();
  return out;
}

function rowKey(table: TableName, row: Row): string {
  const kindRow = asKindRow(table, row);
  return table === 'product.memberships' ? `${kindRow.user_id ?? ''}|${kindRow.account_id ?? ''}` : String(kindRow.id);
}
