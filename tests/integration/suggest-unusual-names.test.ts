import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config/load.ts';
import type { SidelightConfig } from '../../server/config/schema.ts';
import { ModelConfig } from '../../server/config/schema.ts';
import type { Proposal, SuggestResult } from '../../server/suggest/suggest-result.ts';
import { suggestModels } from '../../server/suggest/suggest-models.ts';
import { formatSuggestions } from '../../server/suggest/format-suggestions.ts';
import pg from 'pg';
import { createMysqlDatabase, createTestDatabase } from './support/databases.ts';

/**
 * A legacy schema nobody would name today: upper-case abbreviations, a users table called `usr`, an
 * activity log with `evt` and `ts`, a link table. Suggest must still find accounts, users, memberships and events.
 */
const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 19).replace('T', ' ');
const sfId = (i: number) => `0015g000${String(i).padStart(7, '0')}AbC`;

function rows() {
  const customers = Array.from({ length: 30 }, (_, i) => {
    const n = i + 1;
    const name = n === 7 ? '' : `Customer ${n} GmbH`; // one nameless customer: the preview must say why it fails
    return [n, name, n % 3 === 0 ? `https://www.cust${n}.de/` : `cust${n}.com`, n % 2 ? sfId(n) : null, n === 30 ? 'Y' : 'N', at(n)];
  });
  const users = Array.from({ length: 40 }, (_, i) => [i + 1, `user${i + 1}@cust${(i % 30) + 1}.com`, `User ${i + 1}`, (i % 30) + 1, at(100 - i), `$2b$10$secret${i}`]);
  const links = users.map(([uid, , , cust]) => [cust, uid, uid === 1 ? 'owner' : 'member']);
  const log = Array.from({ length: 60 }, (_, i) => [i + 1, (i % 40) + 1, ['login', 'export', 'invite'][i % 3], i === 5 ? '2099-01-01 00:00:00' : at(i / 10), JSON.stringify({ ip: `10.0.0.${i}`, n: i })]);
  return { customers, users, links, log };
}

const sqlValue = (v: unknown) => (v === null ? 'null' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
const insert = (table: string, values: unknown[][]) => `insert into ${table} values ${values.map((r) => `(${r.map(sqlValue).join(', ')})`).join(', ')}`;

function ddl(dialect: 'postgres' | 'mysql'): string[] {
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const { customers, users, links, log } = rows();
  const serial = dialect === 'mysql' ? 'int auto_increment primary key' : 'serial primary key';
  const time = dialect === 'mysql' ? 'datetime' : 'timestamp';
  return [
    `create table tbl_cust_master (${q('CUST_NO')} int primary key, ${q('CUST_NM')} varchar(100), ${q('WEB_ADDR')} varchar(200), ${q('SF_ID')} char(18), ${q('DEL_FLG')} char(1), ${q('UPD_TS')} ${time})`,
    insert('tbl_cust_master', customers),
    `create table usr (uid ${serial}, mail_addr varchar(200), full_nm varchar(100), cust_no int, crt_dt ${time}, pwd_hash varchar(100))`,
    insert('usr', users),
    'create table cust_usr_lnk (cust_no int, uid int, rl varchar(20))',
    insert('cust_usr_lnk', links),
    `create table act_log (log_id ${serial}, usr_uid int, evt varchar(50), ts ${time}, payload json)`,
    insert('act_log', log),
    // A view that fails when read: suggest leaves it out and says why, instead of failing altogether.
    ...(dialect === 'postgres' ? ['create view broken_view as select 1 / 0 as x'] : []),
  ];
}

function configFor(type: 'postgres' | 'mysql'): SidelightConfig {
  return parseConfig({
    sources: {
      legacy: { type, url: { env: 'SUGGEST_LEGACY_URL' }, system: 'product' },
      // Never read here: it tells suggest which source holds Salesforce ids.
      crm: { type: 'csv', dir: '.', system: 'crm', app: 'salesforce' },
    },
    models: [{ name: 'placeholder', kind: 'accounts', source: 'crm', file: 'none.csv' }],
  });
}

const proposal = (result: SuggestResult, kind: string): Proposal => {
  const found = result.proposals.find((p) => p.kind === kind);
  if (!found) throw new Error(`no ${kind} proposal:\n${formatSuggestions(result)}`);
  return found;
};
const columnsOf = (p: Proposal) => Object.fromEntries(p.fields.map((f) => [f.field, f.columns.join('+')]));

const ENGINES = [
  {
    name: 'PostgreSQL',
    type: 'postgres' as const,
    async create() {
      const db = await createTestDatabase('sidelight_suggest');
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      for (const statement of ddl('postgres')) await client.query(statement);
      await client.end();
      return db;
    },
  },
  {
    name: 'MariaDB',
    type: 'mysql' as const,
    async create() {
      const db = await createMysqlDatabase('sidelight_suggest');
      for (const statement of ddl('mysql')) await db.query(statement);
      return db;
    },
  },
];

describe.each(ENGINES)('suggest on a legacy schema in $name', (engine) => {
  let db: { url: string; drop(): Promise<void> };
  let result: SuggestResult;

  beforeAll(async () => {
    db = await engine.create();
    process.env.SUGGEST_LEGACY_URL = db.url;
    result = await suggestModels(configFor(engine.type), 'legacy');
    console.info(formatSuggestions(result));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('finds the customer master as accounts, with its key, name, web address, cursor, soft delete and Salesforce link', () => {
    const accounts = proposal(result, 'accounts');
    expect(accounts.table).toMatch(/tbl_cust_master$/);
    expect(columnsOf(accounts)).toMatchObject({ id: 'CUST_NO', name: 'CUST_NM', domain: 'WEB_ADDR', updated_at: 'UPD_TS' });
    expect(accounts.model).toMatchObject({ cursor: 'updated_at', softDelete: 'del_flg', sameAs: [{ column: 'sf_id', source: 'crm' }] });
    expect(accounts.confidence).toBeGreaterThan(0.7);
  });

  it('finds usr as users: uid, the mail address, the customer number; leaves the password hash out', () => {
    const users = proposal(result, 'users');
    expect(users.table).toMatch(/usr$/);
    expect(columnsOf(users)).toMatchObject({ id: 'uid', email: 'mail_addr', name: 'full_nm', account_id: 'cust_no', created_at: 'crt_dt' });
    expect(users.model.sql).not.toContain('pwd_hash');
    expect(users.notes.join()).toContain('pwd_hash');
  });

  it('finds the link table as memberships and the activity log as events', () => {
    expect(columnsOf(proposal(result, 'memberships'))).toMatchObject({ user_id: 'uid', account_id: 'cust_no' });
    const events = proposal(result, 'events');
    expect(events.table).toMatch(/act_log$/);
    expect(columnsOf(events)).toMatchObject({ id: 'log_id', user_id: 'usr_uid', name: 'evt', occurred_at: 'ts', properties: 'payload' });
    expect(events.model.cursor).toBe('id'); // the serial key: events never change
  });

  it('previews each model against the contract and says why the bad rows fail', () => {
    const accounts = proposal(result, 'accounts');
    expect(accounts.preview).toMatchObject({ rows: 20, failed: 1 });
    expect(accounts.preview.failures[0]).toMatchObject({ reason: 'name: name is empty', examples: ['7'] });
    const events = proposal(result, 'events');
    expect(events.preview.failures.map((f) => f.reason)).toContain('occurred_at: date in the future');
    for (const p of result.proposals) {
      expect(p.preview.error).toBeUndefined();
      expect(p.preview.passed / (p.preview.rows - p.preview.deleted)).toBeGreaterThan(0.9);
    }
  });

  it('proposes models the config accepts, and nothing for kinds the schema lacks', () => {
    for (const p of result.proposals) expect(() => ModelConfig.parse(p.model)).not.toThrow();
    expect(result.proposals.map((p) => p.kind).sort()).toEqual(['accounts', 'events', 'memberships', 'users']);
    expect(result.snippet).toContain("name: 'legacy_tbl_cust_master'");
  });

  it('leaves out only the tables it cannot read, and says why', () => {
    // PostgreSQL gets a view that fails when read; MariaDB answers the same division with NULL, so nothing is skipped there.
    const unreadable = engine.type === 'postgres' ? [{ table: 'public.broken_view', reason: expect.stringContaining('division by zero') }] : [];
    expect(result.skipped).toEqual(unreadable);
  });
});
