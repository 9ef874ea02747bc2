import { describe, expect, it } from 'vitest';
import type { ModelKind } from '../../lib/contract/index.ts';
import { parseConfig } from '../../server/config/load.ts';
import { assignKinds } from '../../server/suggest/assign-kinds.ts';
import { matchTable } from '../../server/suggest/match-table.ts';
import { pickCursor, pickSoftDelete } from '../../server/suggest/pick-cursor.ts';
import { profileTable } from '../../server/suggest/profile-table.ts';
import { pickSameAs } from '../../server/suggest/same-as.ts';
import type { TableInfo } from '../../server/suggest/types.ts';

type Col = [name: string, type: string, values: readonly unknown[], flags?: 'pk' | 'serial'];

/** A described table whose sample row i takes each column's i-th value (cycling). */
function table(name: string, columns: Col[]): TableInfo {
  const rows = Math.max(...columns.map(([, , values]) => values.length));
  return {
    schema: 'public',
    name,
    columns: columns.map(([column, dataType, , flags]) => ({ name: column, dataType, primaryKey: flags === 'pk' || flags === 'serial', autoIncrement: flags === 'serial' })),
    sample: Array.from({ length: rows }, (_, i) => Object.fromEntries(columns.map(([column, , values]) => [column, values.length ? values[i % values.length] : null]))),
  };
}

const ids = (prefix: string, n = 10) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const nums = (n = 10) => Array.from({ length: n }, (_, i) => i + 1);
const days = (n = 10) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, i + 1)));
const emails = (n = 10) => Array.from({ length: n }, (_, i) => `person${i}@acme${i}.com`);

const TABLES = {
  custMaster: table('tbl_cust_master', [
    ['CUST_NO', 'integer', nums(), 'pk'],
    ['CUST_NM', 'varchar(100)', ids('Customer ')],
    ['WEB_ADDR', 'varchar(200)', ids('https://cust').map((d) => `${d}.com`)],
    ['OWNER_NM', 'varchar(100)', ['Dana', 'Sam']],
    ['UPD_TS', 'timestamp', days()],
  ]),
  usr: table('usr', [
    ['uid', 'integer', nums(), 'serial'],
    ['mail_addr', 'text', emails()],
    ['cust_no', 'integer', [1, 2, 3]],
    ['crt_dt', 'timestamp', days()],
  ]),
  people: table('people', [
    ['id', 'text', ids('p')],
    ['first_name', 'text', ['Ada', 'Bob']],
    ['last_name', 'text', ['Lovelace', 'Brown']],
    ['login', 'text', emails()],
  ]),
  actLog: table('act_log', [
    ['usr_uid', 'integer', nums()],
    ['evt', 'varchar(50)', ['login', 'export']],
    ['ts', 'bigint', nums().map((i) => 1_717_000_000 + i)],
    ['payload', 'longtext', ['{"a":1}', '{"b":2}']],
  ]),
  subs: table('subs', [
    ['sub_id', 'text', ids('sub_')],
    ['customer_id', 'text', ids('cus_')],
    ['plan_code', 'text', ['pro', 'team']],
    ['state', 'text', ['active', 'canceled', 'trialing']],
    ['monthly_amount', 'numeric', ['10.00', '99.00']],
    ['start_date', 'date', days()],
  ]),
  helpdeskTickets: table('helpdesk_tickets', [
    ['ticket_no', 'bigint', nums()],
    ['assignee_id', 'bigint', [7, 8]],
    ['requester_id', 'bigint', nums()],
    ['org_id', 'bigint', [1, 2]],
    ['title', 'text', ['Help', 'Broken']],
    ['state', 'text', ['open', 'solved']],
    ['opened_at', 'timestamptz', days()],
  ]),
  opps: table('opps', [
    ['opp_id', 'text', ids('006')],
    ['acct_id', 'text', ids('001')],
    ['opp_name', 'text', ids('Deal ')],
    ['stage_name', 'text', ['Prospecting', 'Closed Won']],
    ['amt', 'numeric', ['100', '200']],
    ['close_dt', 'date', days()],
  ]),
  badEmails: table('users', [
    ['id', 'text', ids('u')],
    ['email', 'text', ['n/a', 'unknown', 'none', 'tbd', '-']],
    ['name', 'text', ids('User ')],
  ]),
};

const mapping = (kind: ModelKind, info: TableInfo, sql = true) =>
  Object.fromEntries(matchTable(kind, profileTable(info), { sql }).fields.map((f) => [f.field, f.expression ? `${f.columns.join('+')} (${f.expression})` : f.columns.join('+')]));

describe('matchTable fills a kind from a table', () => {
  it.each([
    ['accounts', 'custMaster', { id: 'CUST_NO', name: 'CUST_NM', domain: 'WEB_ADDR', owner: 'OWNER_NM', updated_at: 'UPD_TS' }],
    ['users', 'usr', { id: 'uid', email: 'mail_addr', account_id: 'cust_no', created_at: 'crt_dt' }],
    ['users', 'people', { id: 'id', email: 'login', name: 'first_name+last_name (concat_name)' }],
    ['events', 'actLog', { user_id: 'usr_uid', name: 'evt', occurred_at: 'ts (epoch_seconds)', properties: 'payload' }],
    ['subscriptions', 'subs', { id: 'sub_id', account_id: 'customer_id', plan: 'plan_code', status: 'state', mrr: 'monthly_amount', started_at: 'start_date' }],
    ['tickets', 'helpdeskTickets', { id: 'ticket_no', requester_id: 'requester_id', account_id: 'org_id', subject: 'title', status: 'state', created_at: 'opened_at' }],
    ['deals', 'opps', { id: 'opp_id', account_id: 'acct_id', name: 'opp_name', stage: 'stage_name', amount: 'amt', close_date: 'close_dt' }],
  ] as const)('%s from %s', (kind, name, expected) => {
    expect(mapping(kind, TABLES[name])).toEqual(expect.objectContaining(expected));
  });

  it('never takes an assignee for the requester', () => {
    expect(Object.values(mapping('tickets', TABLES.helpdeskTickets))).not.toContain('assignee_id');
  });

  it('cannot compose a name or convert epoch seconds in a CSV model, which only renames', () => {
    expect(mapping('users', TABLES.people, false).name).toBeUndefined();
    expect(mapping('events', TABLES.actLog, false).occurred_at).toBeUndefined();
  });

  it('does not take a column named email whose values are not emails', () => {
    const match = matchTable('users', profileTable(TABLES.badEmails), { sql: true });
    expect(match.fields.find((f) => f.field === 'email')?.score ?? 0).toBeLessThan(0.8);
  });

  it('scores a table named for the kind above one named for another entity', () => {
    const forTickets = matchTable('tickets', profileTable(TABLES.helpdeskTickets), { sql: true });
    const forConversations = matchTable('conversations', profileTable(TABLES.helpdeskTickets), { sql: true });
    expect(forTickets.score).toBeGreaterThan(0.8);
    expect(forConversations.score).toBeLessThan(0.5);
    expect(matchTable('subscriptions', profileTable(TABLES.usr), { sql: true }).missing).toEqual(['plan', 'status', 'mrr']);
  });
});

describe('assignKinds', () => {
  const all = Object.values(TABLES).filter((t) => t !== TABLES.badEmails).map(profileTable);
  const kinds: ModelKind[] = ['accounts', 'users', 'memberships', 'events', 'subscriptions', 'charges', 'deals', 'tickets', 'conversations'];
  const { chosen, unmatched } = assignKinds(kinds.flatMap((kind) => all.map((t) => matchTable(kind, t, { sql: true }))));

  it('gives each kind its best table, and each table one kind', () => {
    expect(Object.fromEntries(chosen.map((m) => [m.kind, m.table.info.name]))).toEqual({
      accounts: 'tbl_cust_master',
      users: 'usr',
      events: 'act_log',
      subscriptions: 'subs',
      deals: 'opps',
      tickets: 'helpdesk_tickets',
    });
  });

  it('says why a kind was left out', () => {
    // The ticket table names a requester and an organisation, but it is named for tickets, not memberships.
    expect(unmatched.find((u) => u.kind === 'memberships')?.reason).toMatch(/^no table scores 0.5 or more \(best: public.helpdesk_tickets, 0\.\d+\)$/);
    expect(unmatched.find((u) => u.kind === 'charges')?.reason).toMatch(/^no table (fills|scores)/);
    expect(unmatched.find((u) => u.kind === 'conversations')?.reason).toMatch(/no table scores 0.5 or more|fits tickets better/);
  });
});

describe('cursor and soft delete', () => {
  const match = (kind: ModelKind, info: TableInfo) => matchTable(kind, profileTable(info), { sql: true });

  it.each([
    ['accounts with a last-modified time', 'accounts', TABLES.custMaster, 'UPD_TS'],
    ['users without one (a serial id misses updates)', 'users', TABLES.usr, null],
    ['events by their serial id', 'events', table('events', [['id', 'bigint', nums(), 'serial'], ['user_id', 'text', ids('u')], ['name', 'text', ['a']], ['occurred_at', 'timestamptz', days()]]), 'id'],
    ['events by when they happened', 'events', table('events', [['user_id', 'text', ids('u')], ['name', 'text', ['a']], ['occurred_at', 'timestamptz', days()]]), 'occurred_at'],
    ['nothing when the updated time has nulls', 'accounts', table('accounts', [['id', 'text', ids('a')], ['name', 'text', ids('A')], ['updated_at', 'timestamptz', [...days(9), null]]]), null],
  ] as const)('%s', (_, kind, info, column) => {
    expect(pickCursor(match(kind, info))?.column ?? null).toBe(column);
  });

  it.each([
    [[['deleted_at', 'timestamptz', [null, new Date()]]] as Col[], true, 'deleted_at'],
    [[['deleted_at', 'text', ['', '2024-01-01']]] as Col[], false, null],
    [[['DEL_FLG', 'char(1)', ['N', 'Y']]] as Col[], true, 'DEL_FLG'],
    [[['is_deleted', 'tinyint(1)', [0, 1]]] as Col[], true, 'is_deleted'],
    [[['deleted_by', 'text', ['Dana', 'Sam']]] as Col[], true, null],
  ])('soft delete in %j (sql: %s) is %s', (columns, sql, expected) => {
    const info = table('accounts', [['id', 'text', ids('a')], ...columns]);
    expect(pickSoftDelete(profileTable(info), { sql })?.column ?? null).toBe(expected);
  });
});

describe('sameAs candidates', () => {
  const config = parseConfig({
    sources: {
      crm: { type: 'csv', dir: '.', system: 'crm', app: 'salesforce' },
      billing: { type: 'csv', dir: '.', system: 'billing', app: 'stripe' },
      app: { type: 'postgres', url: { env: 'APP_URL' }, system: 'product', app: 'product' },
    },
    models: [{ name: 'a', kind: 'accounts', source: 'crm', file: 'a.csv' }],
  });
  const workspaces = table('workspaces', [
    ['id', 'text', ids('ws_abcdef')],
    ['name', 'text', ids('W')],
    ['sf_account', 'text', ['0015g000TL9WHsEAYW', '0015g000zxo69t3AAA']],
    ['stripe_id', 'text', ['cus_DVBzvyXUlFlrIB']],
    ['legacy_id', 'integer', nums()],
    ['billing_country', 'text', ['Germany']],
  ]);

  it('points each foreign id at the configured source of its system, by values or by name', () => {
    const picks = pickSameAs(matchTable('accounts', profileTable(workspaces), { sql: true }), 'app', config.sources);
    expect(picks.map((p) => [p.column, p.source])).toEqual([
      ['sf_account', 'crm'],
      ['stripe_id', 'billing'],
      ['legacy_id', null],
    ]);
    expect(picks[0]!.reason).toContain('Salesforce ids');
    expect(picks[2]!.reason).toContain('no configured source');
  });

  it('skips ids of the source itself', () => {
    const picks = pickSameAs(matchTable('accounts', profileTable(workspaces), { sql: true }), 'crm', config.sources);
    expect(picks.map((p) => p.column)).not.toContain('sf_account');
  });
});
