import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { normaliseSalesforceId } from '../../../lib/contract/index.ts';
import { parseConfig } from '../../../server/config/load.ts';
import type { SidelightConfig } from '../../../server/config/schema.ts';
import { createTestDatabase } from './databases.ts';

/**
 * A tiny company in a real PostgreSQL database: a CRM, a help desk and a product, with the mess a sync
 * must survive (a bad date, a missing name, a duplicate id, email case and whitespace).
 */
const sf = (base15: string) => normaliseSalesforceId(base15)!;
export const SF = {
  ACME: sf('0015g00000AbCdE'),
  GLOBEX: sf('0015g00000XyZaB'),
  GLOBEX_15: '0015g00000XyZaB',
  INITECH: sf('0015g00000BadDt'),
  NAMELESS: sf('0015g00000NoNam'),
  ALICE: sf('0035g00000Ali01'),
  BOB: sf('0035g00000Bob02'),
};

export async function seedSourceCompany(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      create schema crm;
      create table crm.accounts (id text, name text, website text, owner text, segment text, created_at timestamptz);
      insert into crm.accounts values
        ('${SF.ACME}', 'Acme Corp', 'https://www.acme.com/', 'Dana Owner', 'Enterprise', '2021-03-01'),
        ('${SF.GLOBEX}', 'Globex', 'globex.io', 'Sam Seller', 'SMB', '2022-06-15'),
        ('${SF.INITECH}', 'Initech', 'initech.com', 'Sam Seller', 'SMB', '2099-01-01'),
        ('${SF.NAMELESS}', '', 'nameless.com', null, null, '2022-01-01');
      create table crm.contacts (id text, email text, full_name text, account_id text, zendesk_user_id bigint);
      insert into crm.contacts values
        ('${SF.ALICE}', ' Alice@Acme.com ', 'Alice Anders', '${SF.ACME}', 9001),
        ('${SF.BOB}', 'bob@globex.io', 'Bob Brown', '${SF.GLOBEX}', null);
      create schema helpdesk;
      create table helpdesk.organizations (id bigint, name text, external_id text);
      insert into helpdesk.organizations values (501, 'ACME', '${SF.ACME}'), (502, 'Globex Inc', '${SF.GLOBEX}');
      create table helpdesk.users (id bigint, email text, name text, organization_id bigint);
      insert into helpdesk.users values (9001, 'alice@acme.com', 'Alice A.', 501), (9002, 'carol@gmail.com', 'Carol', null), (9003, 'dup@x.com', 'Dup One', null), (9003, 'dup@x.com', 'Dup Two', null);
      create table helpdesk.tickets (id bigint, requester_id bigint, organization_id bigint, subject text, status text, created_at timestamptz);
      insert into helpdesk.tickets values
        (101, 9001, 501, 'Cannot log in', 'open', now() - interval '2 days'),
        (102, 9002, null, 'Pricing question', 'new', now() - interval '1 day'),
        (103, 9001, 501, 'No date', 'open', null);
      create schema product;
      create table product.workspaces (id text, name text, crm_id text);
      insert into product.workspaces values ('ws_1', 'acme-prod', '${SF.ACME.toUpperCase()}'), ('ws_2', 'globex', '${SF.GLOBEX_15}');
      create table product.users (id text, email text, name text);
      insert into product.users values ('u_1', 'ALICE@acme.com', 'Alice'), ('u_2', 'consultant@agency.com', 'Connie Consultant');
      create table product.memberships (user_id text, workspace_id text, role text);
      insert into product.memberships values ('u_1', 'ws_1', 'admin'), ('u_2', 'ws_1', 'member'), ('u_2', 'ws_2', 'member');
    `);
  } finally {
    await client.end();
  }
}

export function sourceCompanyConfig(): SidelightConfig {
  return parseConfig({
    sources: {
      crm: { type: 'postgres', url: { env: 'TEST_SOURCE_URL' }, system: 'crm', app: 'salesforce', appUrl: 'https://acme.lightning.force.com' },
      helpdesk: { type: 'postgres', url: { env: 'TEST_SOURCE_URL' }, system: 'support', app: 'zendesk', appUrl: 'https://acme.zendesk.com' },
      product: { type: 'postgres', url: { env: 'TEST_SOURCE_URL' }, system: 'product', app: 'product' },
    },
    models: [
      { name: 'crm_accounts', kind: 'accounts', source: 'crm', sql: 'select id, name, website as domain, owner, segment, created_at from crm.accounts' },
      { name: 'crm_contacts', kind: 'users', source: 'crm', sql: 'select id, email, full_name as name, account_id, zendesk_user_id from crm.contacts', sameAs: [{ column: 'zendesk_user_id', source: 'helpdesk' }] },
      { name: 'zd_orgs', kind: 'accounts', source: 'helpdesk', sql: 'select id, name, external_id from helpdesk.organizations', sameAs: [{ column: 'external_id', source: 'crm' }] },
      { name: 'zd_users', kind: 'users', source: 'helpdesk', sql: 'select id, email, name, organization_id as account_id from helpdesk.users' },
      { name: 'zd_tickets', kind: 'tickets', source: 'helpdesk', sql: 'select id, requester_id, organization_id as account_id, subject, status, created_at from helpdesk.tickets' },
      { name: 'product_workspaces', kind: 'accounts', source: 'product', sql: 'select id, name, crm_id from product.workspaces', sameAs: [{ column: 'crm_id', source: 'crm' }] },
      { name: 'product_users', kind: 'users', source: 'product', sql: 'select id, email, name from product.users' },
      { name: 'product_memberships', kind: 'memberships', source: 'product', sql: 'select user_id, workspace_id as account_id, role from product.memberships' },
    ],
    properties: [
      { key: 'name', entity: 'account', label: 'Name' },
      { key: 'owner', entity: 'account', label: 'Owner', group: 'CRM', priority: ['crm'] },
      { key: 'segment', entity: 'account', label: 'Segment', group: 'CRM', roles: ['account_exec', 'cs_rep', 'admin'] },
      { key: 'email', entity: 'person', label: 'Email', format: 'email' },
    ],
  });
}

/** Seeds the company into a fresh database for this test file; the config's sources find it in TEST_SOURCE_URL. */
export function useSourceCompany(): void {
  let source: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    source = await createTestDatabase('sidelight_source');
    await seedSourceCompany(source.url);
    process.env.TEST_SOURCE_URL = source.url;
  });
  afterAll(async () => {
    await source?.drop();
  });
}
