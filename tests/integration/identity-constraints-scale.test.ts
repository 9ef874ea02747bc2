import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config/load.ts';
import { flagRecord } from '../../server/identity/flag-record.ts';
import { loadEntityHistory } from '../../server/identity/identity-history.ts';
import { withIdentityLock } from '../../server/identity/identity-lock.ts';
import { rebuildEntities } from '../../server/identity/rebuild-entities.ts';
import { undoFlag } from '../../server/identity/undo-flag.ts';
import { syncModels } from '../../server/models/sync.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';
import { identitySnapshot } from './support/identity-snapshot.ts';

/**
 * A thousand people, each a CRM contact and a product user with the same email (so one entity each), with
 * product events that follow the product user. Half of them are flagged: the product user is not that person.
 */
const PEOPLE = 1000;
const FLAGGED = 500;
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();

async function writeCompany(dir: string, extraContacts: string[] = []): Promise<void> {
  const accounts = Array.from({ length: 50 }, (_, a) => `a${a},Company ${a},company${a}.com`);
  const contacts = Array.from({ length: PEOPLE }, (_, i) => `c${i},person${i}@example.com,Person ${i},a${i % 50}`);
  const users = Array.from({ length: PEOPLE }, (_, i) => `u${i},person${i}@example.com,P. ${i}`);
  const events = Array.from({ length: PEOPLE * 2 }, (_, e) => `e${e},u${e % PEOPLE},login,${at(e)}`);
  await writeFile(path.join(dir, 'accounts.csv'), ['id,name,domain', ...accounts].join('\n'));
  await writeFile(path.join(dir, 'contacts.csv'), ['id,email,name,account_id', ...contacts, ...extraContacts].join('\n'));
  await writeFile(path.join(dir, 'users.csv'), ['id,email,name', ...users].join('\n'));
  await writeFile(path.join(dir, 'events.csv'), ['id,user_id,name,occurred_at', ...events].join('\n'));
}

describe.each(ENGINES)('must-not-link at scale on %s', (engine) => {
  let t: TestStore;
  let dir: string;
  let config: ReturnType<typeof parseConfig>;
  const flags: string[] = [];

  const entityOfRecord = async (source: string, sourceId: string) =>
    (
      await t.store.db
        .selectFrom('source_records as r')
        .innerJoin('entity_links as l', 'l.record_id', 'r.id')
        .select('l.entity_id')
        .where('r.source', '=', source)
        .where('r.source_id', '=', sourceId)
        .executeTakeFirstOrThrow()
    ).entity_id;
  /** People whose product user is not in the entity of their CRM contact (c<i> and u<i>). */
  const splitCount = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n
        from source_records u join entity_links lu on lu.record_id = u.id
        join source_records c on c.source = 'crm' and c.kind = 'users' and c.source_id = 'c' || substr(u.source_id, 2)
        join entity_links lc on lc.record_id = c.id
        where u.source = 'product' and u.kind = 'users' and lu.entity_id <> lc.entity_id`.execute(t.store.db)
    ).rows[0]!.n;

  beforeAll(async () => {
    t = await openTestStore(engine);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-mnl-'));
    await writeCompany(dir);
    config = parseConfig({
      sources: { crm: { type: 'csv', dir, system: 'crm' }, product: { type: 'csv', dir, system: 'product', app: 'product' } },
      models: [
        { name: 'crm_accounts', kind: 'accounts', source: 'crm', file: 'accounts.csv' },
        { name: 'crm_contacts', kind: 'users', source: 'crm', file: 'contacts.csv' },
        { name: 'product_users', kind: 'users', source: 'product', file: 'users.csv' },
        { name: 'product_events', kind: 'events', source: 'product', file: 'events.csv' },
      ],
      properties: [{ key: 'name', entity: 'person', label: 'Name' }],
    });
    await syncModels(t.store.db, config);
  });
  afterAll(async () => {
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it(`keeps ${FLAGGED} flagged pairs apart through 10 syncs and a full rebuild, and undoing them all gives back the exact links`, async () => {
    const start = await identitySnapshot(t.store.db);
    expect(await splitCount()).toBe(0);
    for (let i = 0; i < FLAGGED; i++) {
      const entityId = await entityOfRecord('crm', `c${i}`);
      const outcome = await withIdentityLock(t.store.db, (trx) =>
        flagRecord(trx, config, { record: { source: 'product', sourceId: `u${i}` }, entity: { kind: 'person', id: entityId } }, { name: 'Ada Agent' }),
      );
      if (!outcome.ok) throw new Error(outcome.detail);
      expect(outcome.created).toBe(true);
      flags.push(outcome.flag.id);
    }
    expect(await splitCount()).toBe(FLAGGED);
    const flagged = await identitySnapshot(t.store.db);
    // The events of a split product user follow it to its new entity.
    const splitUser = await entityOfRecord('product', 'u0');
    const events = await t.store.db.selectFrom('source_records').select('person_entity_id').where('source', '=', 'product').where('kind', '=', 'events').where('source_id', 'in', ['e0', `e${PEOPLE}`]).execute();
    expect(events.map((e) => e.person_entity_id)).toEqual([splitUser, splitUser]);

    for (let sync = 0; sync < 10; sync++) {
      await syncModels(t.store.db, config);
      expect(await splitCount()).toBe(FLAGGED);
    }
    await rebuildEntities(t.store.db, config);
    expect(await identitySnapshot(t.store.db)).toEqual(flagged);

    for (const id of flags) {
      const outcome = await withIdentityLock(t.store.db, (trx) => undoFlag(trx, config, id, { name: 'Ada Agent', role: 'support_agent' }));
      if (!outcome.ok) throw new Error(outcome.detail);
    }
    expect(await identitySnapshot(t.store.db)).toEqual(start);
  });

  it('keeps a split record apart when new records join its former entity', async () => {
    const entityId = await entityOfRecord('crm', 'c7');
    const outcome = await withIdentityLock(t.store.db, (trx) =>
      flagRecord(trx, config, { record: { source: 'product', sourceId: 'u7' }, entity: { kind: 'person', id: entityId } }, { name: 'Ada Agent' }),
    );
    if (!outcome.ok) throw new Error(outcome.detail);
    // A second CRM contact with the same email arrives: it joins the person, the flagged product user stays out.
    await writeCompany(dir, ['c7b,person7@example.com,Person Seven,a7']);
    await syncModels(t.store.db, config);
    expect(await entityOfRecord('crm', 'c7b')).toBe(entityId);
    expect(await entityOfRecord('product', 'u7')).toBe(outcome.flag.splitEntityId);
    const joined = new Date();

    // The contact is deleted at its source: the history says it left, so the entity as of now no longer has it.
    await writeCompany(dir);
    await syncModels(t.store.db, config);
    const left = await t.store.db.selectFrom('identity_history').select(['action', 'entity_id']).where('record_key', '=', 'crm|c7b').orderBy('id').execute();
    expect(left).toEqual([
      { action: 'link', entity_id: entityId },
      { action: 'unlink', entity_id: entityId },
    ]);
    const keysAt = async (asOf: Date) => (await loadEntityHistory(t.store.db, entityId, asOf, 10)).members.map((m) => `${m.source}|${m.sourceId}`).sort();
    expect(await keysAt(joined)).toEqual(['crm|c7', 'crm|c7b']);
    expect(await keysAt(new Date())).toEqual(['crm|c7']);
  });
});
