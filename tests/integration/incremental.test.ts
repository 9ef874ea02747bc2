import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { parseConfig } from '../../server/config/load.ts';
import type { SidelightConfig } from '../../server/config/schema.ts';
import { runModel } from '../../server/models/run-model.ts';
import { listQuarantine } from '../../server/models/status.ts';
import { createMysqlDatabase, createTestDatabase, openTestStore, type TestStore } from './support/databases.ts';

/**
 * The same incremental scenario against a real PostgreSQL database and a real MariaDB database:
 * insert, update, soft delete, hard delete (seen by a full refresh), a cursor gone backwards, an empty
 * cursor, and a changed schema.
 */
interface SourceDb {
  url: string;
  exec(sql: string): Promise<unknown>;
  drop(): Promise<void>;
}

const SOURCES: { name: 'postgres' | 'mysql'; create(): Promise<SourceDb>; ddl: string }[] = [
  {
    name: 'postgres',
    async create() {
      const db = await createTestDatabase('sidelight_inc');
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      return { url: db.url, exec: (sql) => client.query(sql), drop: async () => (await client.end(), await db.drop()) };
    },
    ddl: `create table accounts (id int primary key, name text, plan text, mrr numeric(10,2), active boolean, meta jsonb, deleted boolean not null default false, updated_at timestamptz)`,
  },
  {
    name: 'mysql',
    async create() {
      const db = await createMysqlDatabase('sidelight_inc');
      return { url: db.url, exec: (sql) => db.query(sql), drop: () => db.drop() };
    },
    ddl: `create table accounts (id int primary key, name varchar(200), plan varchar(50), mrr decimal(10,2), active tinyint(1), meta json, deleted tinyint(1) not null default 0, updated_at datetime(3))`,
  },
];

describe.each(SOURCES)('incremental runs from $name', (kind) => {
  let source: SourceDb;
  let t: TestStore;
  let config: SidelightConfig;
  const model = () => config.models[0]!;
  const records = async () =>
    (await t.store.db.selectFrom('source_records').select(['source_id', 'payload', 'properties']).where('model', '=', 'accounts').orderBy('source_id').execute()).map(
      (r) => `${r.source_id}:${String(r.payload.name)}`,
    );

  beforeAll(async () => {
    source = await kind.create();
    await source.exec(kind.ddl);
    await source.exec(`insert into accounts (id, name, plan, mrr, active, meta, updated_at) values
      (1, 'Acme', 'pro', 99.50, true, '{"tier": 1}', '2024-01-01 10:00:00'),
      (2, 'Globex', 'basic', 10.00, false, null, '2024-01-02 10:00:00'),
      (3, 'Initech', 'pro', 1234567.89, true, '{"tier": 2}', '2024-01-03 10:00:00')`);
    process.env.SIDELIGHT_INC_URL = source.url;
    config = parseConfig({
      sources: { src: { type: kind.name, url: { env: 'SIDELIGHT_INC_URL' }, system: 'crm' } },
      models: [{ name: 'accounts', kind: 'accounts', source: 'src', sql: 'select * from accounts', cursor: 'updated_at', softDelete: 'deleted' }],
    });
    t = await openTestStore('postgres');
  });
  afterAll(async () => {
    await t?.cleanup();
    await source?.drop();
  });

  it('maps the source types: timestamps, decimals, booleans and JSON', async () => {
    const run = await runModel(t.store.db, config, model());
    expect(await listQuarantine(t.store.db)).toEqual([]);
    expect(run).toMatchObject({ status: 'succeeded', rowsRead: 3, rowsAccepted: 3, incremental: false });
    const acme = await t.store.db.selectFrom('source_records').select(['payload', 'properties']).where('source_id', '=', '1').executeTakeFirstOrThrow();
    expect(acme.payload).toMatchObject({ id: '1', name: 'Acme', plan: 'pro' });
    expect(acme.payload.updated_at).toBe('2024-01-01T10:00:00.000Z');
    expect(acme.properties).toMatchObject({ mrr: '99.50', active: true, meta: { tier: 1 } });
    const initech = await t.store.db.selectFrom('source_records').select('properties').where('source_id', '=', '3').executeTakeFirstOrThrow();
    expect(initech.properties.mrr).toBe('1234567.89');
  });

  it('reads only rows at or past the cursor, and applies inserts, updates and soft deletes', async () => {
    await source.exec(`insert into accounts (id, name, plan, mrr, active, updated_at) values (4, 'Umbrella', 'pro', 5, true, '2024-01-04 10:00:00')`);
    await source.exec(`update accounts set name = 'Globex Corp', updated_at = '2024-01-05 10:00:00' where id = 2`);
    await source.exec(`update accounts set deleted = ${kind.name === 'mysql' ? 1 : true}, updated_at = '2024-01-06 10:00:00' where id = 1`);
    const run = await runModel(t.store.db, config, model());
    // Rows 4, 2 and 1 are past the cursor; row 3 sits exactly on it and is re-read (never lost at the boundary).
    expect(run).toMatchObject({ status: 'succeeded', incremental: true, rowsRead: 4 });
    expect(await records()).toEqual(['2:Globex Corp', '3:Initech', '4:Umbrella']);
    const state = await t.store.db.selectFrom('model_state').select('cursor').where('model', '=', 'accounts').executeTakeFirstOrThrow();
    expect(JSON.parse(state.cursor!)).toEqual({ type: 'date', value: '2024-01-06T10:00:00.000Z' });
  });

  it('notices a hard delete on a full refresh', async () => {
    await source.exec(`delete from accounts where id = 4`);
    expect((await runModel(t.store.db, config, model())).rowsRead).toBe(1);
    expect(await records()).toContain('4:Umbrella');
    const full = await runModel(t.store.db, config, model(), { fullRefresh: true });
    expect(full).toMatchObject({ incremental: false });
    expect(await records()).toEqual(['2:Globex Corp', '3:Initech']);
  });

  it('quarantines a row whose cursor is empty instead of skipping it', async () => {
    await source.exec(`insert into accounts (id, name, plan, mrr, active, updated_at) values (5, 'Hooli', 'pro', 1, true, null)`);
    const run = await runModel(t.store.db, config, model(), { fullRefresh: true });
    expect(run.rowsQuarantined).toBe(1);
    const rows = await listQuarantine(t.store.db, { model: 'accounts' });
    expect(rows.map((r) => r.reason)).toEqual(['updated_at: cursor column is empty']);
  });

  it('fails clearly when the cursor goes backwards, and keeps the data', async () => {
    await source.exec(`delete from accounts where updated_at >= '2024-01-05 00:00:00'`);
    const run = await runModel(t.store.db, config, model());
    expect(run.status).toBe('failed');
    expect(run.error).toContain('cursor column updated_at went backwards');
    expect(await records()).toEqual(['2:Globex Corp', '3:Initech']);
  });

  it('fails naming the column when the schema changed', async () => {
    await source.exec(`alter table accounts drop column name`);
    const star = await runModel(t.store.db, config, model(), { fullRefresh: true });
    expect(star.status).toBe('failed');
    expect(star.error).toContain('model "accounts": column "name" missing from the source\'s rows');
    const explicit = { ...model(), sql: 'select id, name, updated_at, deleted from accounts' };
    const named = await runModel(t.store.db, config, explicit, { fullRefresh: true });
    expect(named.error).toMatch(/model "accounts".*name/);
    expect(await records()).toEqual(['2:Globex Corp', '3:Initech']);
  });
});

describe('MariaDB source faults', () => {
  it('reports an unreachable server as a failed run with the cause', async () => {
    const t = await openTestStore('postgres');
    try {
      process.env.SIDELIGHT_DEAD_URL = 'mysql://root@127.0.0.1:1/none';
      const config = parseConfig({
        sources: { dead: { type: 'mysql', url: { env: 'SIDELIGHT_DEAD_URL' }, system: 'crm' } },
        models: [{ name: 'a', kind: 'accounts', source: 'dead', sql: 'select 1' }],
      });
      const run = await runModel(t.store.db, config, config.models[0]!);
      expect(run.status).toBe('failed');
      expect(run.error).toContain('source "dead": cannot connect');
    } finally {
      await t.cleanup();
    }
  });
});
