import pg from 'pg';
import { normaliseSalesforceId } from '../../../lib/contract/index.ts';
import { parseConfig } from '../../../server/config/load.ts';
import type { SidelightConfig } from '../../../server/config/schema.ts';
import { createTestDatabase } from './databases.ts';

/**
 * A small company whose one customer, Alice Anders, leaves traces everywhere an erasure must reach: a CRM
 * contact (with phone and title) and cases, an opportunity naming her, a billing customer whose billing
 * email is hers, a help-desk user (twice: the repeat is quarantined) with tickets — one quarantined, one
 * reaching her only by email — another customer's ticket quoting her address, a product user with
 * memberships and events (one carrying her address in its properties). Bob and Carol are the others,
 * whose data must come through untouched.
 */
const sf = (base15: string) => normaliseSalesforceId(base15)!;
export const ERASURE_IDS = {
  ACME: sf('0015g00000AcMe1'),
  GLOBEX: sf('0015g00000GlObx'),
  ALICE: sf('0035g00000AlIcE'),
  BOB: sf('0035g00000BoBbY'),
  CAROL: sf('0035g00000CaRoL'),
  /** Alice's help-desk user id: long enough that no timestamp or digest contains it by chance. */
  ALICE_ZENDESK: '90017713',
  ALICE_PRODUCT: 'usr_alice_7f3',
};

/** Everything that would give Alice away, searched for in every column of every table. */
export const ALICE_NEEDLES = ['alice', 'anders', '555 0142', '5550142', 'head of ops', ERASURE_IDS.ALICE.toLowerCase(), ERASURE_IDS.ALICE.slice(0, 15).toLowerCase(), ERASURE_IDS.ALICE_ZENDESK, ERASURE_IDS.ALICE_PRODUCT];
export const ALICE_EMAIL = 'alice.anders@acme.com';

export async function seedErasureCompany(url: string): Promise<void> {
  const { ACME, GLOBEX, ALICE, BOB, CAROL, ALICE_ZENDESK: AZ, ALICE_PRODUCT: AP } = ERASURE_IDS;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      create schema crm;
      create table crm.accounts (id text, name text, website text, owner text, created_at timestamptz);
      insert into crm.accounts values ('${ACME}', 'Acme Corp', 'acme.com', 'Dana Owner', '2021-03-01'), ('${GLOBEX}', 'Globex', 'globex.io', 'Sam Seller', '2022-06-15');
      create table crm.contacts (id text, email text, first_name text, last_name text, phone text, title text, account_id text, zendesk_user_id bigint);
      insert into crm.contacts values
        ('${ALICE}', ' Alice.Anders@Acme.com ', 'Alice', 'Anders', '+1 555 0142', 'Head of Ops', '${ACME}', ${AZ}),
        ('${BOB}', 'bob.brown@globex.io', 'Bob', 'Brown', '+1 555 0199', 'CTO', '${GLOBEX}', 9002),
        ('${CAROL}', 'carol.chen@acme.com', 'Carol', 'Chen', '+1 555 0777', 'Engineer', '${ACME}', 9003);
      create table crm.cases (id text, contact_id text, account_id text, subject text, status text, created_at timestamptz);
      insert into crm.cases values
        ('500A', '${ALICE}', '${ACME}', 'Invoice address for Alice Anders', 'New', now() - interval '3 days'),
        ('500B', '${BOB}', '${GLOBEX}', 'SSO setup', 'Working', now() - interval '2 days');
      create table crm.opportunities (id text, account_id text, primary_contact_id text, name text, stage text, amount numeric, close_date date);
      insert into crm.opportunities values ('006A', '${ACME}', '${ALICE}', 'Acme renewal', 'Negotiation', 12000, current_date + 30);

      create schema billing;
      create table billing.customers (id text, name text, email text, crm_account_id text, plan text);
      insert into billing.customers values ('cus_acme', 'Acme Corp', 'alice.anders@acme.com', '${ACME}', 'business'), ('cus_globex', 'Globex', 'billing@globex.io', '${GLOBEX}', 'starter');

      create schema helpdesk;
      create table helpdesk.organizations (id bigint, name text, external_id text);
      insert into helpdesk.organizations values (501, 'ACME', '${ACME}'), (502, 'Globex Inc', '${GLOBEX}');
      create table helpdesk.users (id bigint, email text, name text, phone text, organization_id bigint);
      insert into helpdesk.users values
        (${AZ}, 'alice.anders@acme.com', 'Alice Anders', '+1 555 0142', 501),
        (${AZ}, 'alice.anders@acme.com', 'Alice A.', null, 501),
        (9002, 'bob.brown@globex.io', 'Bob Brown', null, 502),
        (9003, 'carol.chen@acme.com', 'Carol Chen', null, 501);
      create table helpdesk.tickets (id bigint, requester_id bigint, web_email text, organization_id bigint, subject text, status text, created_at timestamptz);
      insert into helpdesk.tickets values
        (101, ${AZ}, null, 501, 'Cannot log in', 'open', now() - interval '2 days'),
        (102, ${AZ}, null, 501, 'Export broken for Alice', 'pending', now() - interval '1 day'),
        (103, 9002, null, 502, 'Please add Alice.Anders@acme.com as an admin', 'open', now() - interval '1 day'),
        (104, ${AZ}, null, 501, 'No date on this one', 'open', null),
        (105, null, 'alice.anders@acme.com', 501, 'From the web form', 'new', now() - interval '5 hours'),
        (106, 9003, null, 501, 'Carol needs a hand', 'open', now() - interval '6 hours');

      create schema product;
      create table product.workspaces (id text, name text, crm_id text);
      insert into product.workspaces values ('ws_1', 'acme-prod', '${ACME}'), ('ws_2', 'globex', '${GLOBEX}');
      create table product.users (id text, email text, name text);
      insert into product.users values ('${AP}', 'ALICE.ANDERS@acme.com', 'Alice A.'), ('usr_bob', 'bob.brown@globex.io', 'Bob'), ('usr_carol', 'carol.chen@acme.com', 'Carol Chen');
      create table product.memberships (user_id text, workspace_id text, role text);
      insert into product.memberships values ('${AP}', 'ws_1', 'admin'), ('usr_carol', 'ws_1', 'member'), ('usr_bob', 'ws_2', 'admin');
      create table product.events (user_id text, workspace_id text, name text, occurred_at timestamptz, properties jsonb);
      insert into product.events values
        ('${AP}', 'ws_1', 'login', now() - interval '3 days', '{}'),
        ('${AP}', 'ws_1', 'login', now() - interval '2 days', '{}'),
        ('${AP}', 'ws_1', 'export', now() - interval '2 days', '{"file": "alice-q3.csv", "to": "alice.anders@acme.com"}'),
        ('usr_carol', 'ws_1', 'login', now() - interval '1 day', '{}'),
        ('usr_bob', 'ws_2', 'login', now() - interval '1 day', '{}'),
        ('usr_bob', 'ws_2', 'export', now() - interval '20 hours', '{"cc": "alice.anders@acme.com"}');
    `);
  } finally {
    await client.end();
  }
}

/** What the source systems do after the erasure: Alice keeps using the product and writing tickets. */
export async function aliceCarriesOn(url: string): Promise<void> {
  const { ALICE, ACME, ALICE_ZENDESK: AZ, ALICE_PRODUCT: AP } = ERASURE_IDS;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      insert into helpdesk.tickets values (107, ${AZ}, null, 501, 'Still cannot log in - Alice', 'open', now() - interval '1 minute');
      insert into product.events values ('${AP}', 'ws_1', 'login', now() - interval '1 minute', '{"who": "alice.anders@acme.com"}');
      insert into crm.cases values ('500C', '${ALICE}', '${ACME}', 'Alice Anders again', 'New', now() - interval '1 minute');
      insert into product.users values ('usr_alice_new', 'alice.anders@acme.com', 'Alice Anders');
    `);
  } finally {
    await client.end();
  }
}

export function erasureCompanyConfig(): SidelightConfig {
  const source = (system: string, app: string) => ({ type: 'postgres', url: { env: 'TEST_ERASURE_SOURCE_URL' }, system, app });
  return parseConfig({
    sources: { crm: source('crm', 'salesforce'), billing: source('billing', 'stripe'), helpdesk: source('support', 'zendesk'), product: source('product', 'product') },
    models: [
      { name: 'crm_accounts', kind: 'accounts', source: 'crm', sql: 'select id, name, website as domain, owner, created_at from crm.accounts' },
      {
        name: 'crm_contacts',
        kind: 'users',
        source: 'crm',
        sameAs: [{ column: 'zendesk_user_id', source: 'helpdesk' }],
        sql: `select id, email, concat_ws(' ', first_name, last_name) as name, phone, title, account_id, zendesk_user_id from crm.contacts`,
      },
      { name: 'crm_cases', kind: 'tickets', source: 'crm', sql: `select c.id, c.contact_id as requester_id, ct.email as requester_email, c.account_id, c.subject, c.status, c.created_at from crm.cases c left join crm.contacts ct on ct.id = c.contact_id` },
      { name: 'crm_opportunities', kind: 'deals', source: 'crm', sql: 'select id, account_id, primary_contact_id as contact_id, name, stage, amount, close_date from crm.opportunities' },
      { name: 'billing_customers', kind: 'accounts', source: 'billing', sameAs: [{ column: 'crm_account_id', source: 'crm' }], sql: 'select id, name, email as billing_email, crm_account_id, plan from billing.customers' },
      { name: 'zd_orgs', kind: 'accounts', source: 'helpdesk', sameAs: [{ column: 'external_id', source: 'crm' }], sql: 'select id, name, external_id from helpdesk.organizations' },
      { name: 'zd_users', kind: 'users', source: 'helpdesk', sql: 'select id, email, name, phone, organization_id as account_id from helpdesk.users' },
      {
        name: 'zd_tickets',
        kind: 'tickets',
        source: 'helpdesk',
        sql: `select t.id, t.requester_id, coalesce(u.email, t.web_email) as requester_email, t.organization_id as account_id, t.subject, t.status, t.created_at
              from helpdesk.tickets t left join (select distinct on (id) id, email from helpdesk.users order by id) u on u.id = t.requester_id`,
      },
      { name: 'product_workspaces', kind: 'accounts', source: 'product', sameAs: [{ column: 'crm_id', source: 'crm' }], sql: 'select id, name, crm_id from product.workspaces' },
      { name: 'product_users', kind: 'users', source: 'product', sql: 'select id, email, name from product.users' },
      { name: 'product_memberships', kind: 'memberships', source: 'product', sql: 'select user_id, workspace_id as account_id, role from product.memberships' },
      {
        name: 'product_events',
        kind: 'events',
        source: 'product',
        cursor: 'occurred_at',
        sql: 'select user_id, workspace_id as account_id, name, occurred_at, properties from product.events',
      },
    ],
    properties: [
      { key: 'name', entity: 'account', label: 'Name', priority: ['crm', 'billing', 'product', 'support'] },
      { key: 'billing_email', entity: 'account', label: 'Billing email', format: 'email', priority: ['billing'] },
      { key: 'plan', entity: 'account', label: 'Plan', priority: ['billing'] },
      { key: 'name', entity: 'person', label: 'Name', priority: ['crm', 'product', 'support'] },
      { key: 'email', entity: 'person', label: 'Email', format: 'email', priority: ['crm', 'product', 'support'] },
      { key: 'phone', entity: 'person', label: 'Phone', priority: ['crm', 'support'] },
      { key: 'title', entity: 'person', label: 'Title', priority: ['crm'] },
    ],
    metrics: [
      { key: 'product_usage', label: 'Product usage', entity: 'account', kind: 'events', aggregation: 'count', time: 'occurred_at' },
      { key: 'open_tickets', label: 'Open tickets', entity: 'account', kind: 'tickets', aggregation: 'count', filter: [{ field: 'status', op: 'in', value: ['new', 'open', 'pending', 'New', 'Working'] }] },
      { key: 'users_added', label: 'Users added', entity: 'account', kind: 'memberships', aggregation: 'count' },
      { key: 'person_tickets', label: 'Tickets', entity: 'person', kind: 'tickets', aggregation: 'count', time: 'created_at' },
    ],
  });
}

/** The company in a fresh database of its own, which the config's sources find through TEST_ERASURE_SOURCE_URL. */
export async function createErasureSource(): Promise<{ url: string; drop(): Promise<void> }> {
  const source = await createTestDatabase('sidelight_erasure_source');
  await seedErasureCompany(source.url);
  process.env.TEST_ERASURE_SOURCE_URL = source.url;
  return source;
}
