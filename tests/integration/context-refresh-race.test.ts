import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshContexts } from '../../server/context/refresh-contexts.ts';
import { flagRecord } from '../../server/identity/flag-record.ts';
import { withIdentityLock } from '../../server/identity/identity-lock.ts';
import { syncModels } from '../../server/models/sync.ts';
import { openTestStore, type TestStore } from './support/databases.ts';
import { contextProblems } from './support/flags/flag-checks.ts';
import { flagCompanyConfig, writeFlagCompany } from './support/flags/flag-company.ts';

/**
 * Two refreshes of one entity, each after its own change (two requests, or two servers): the one that read
 * before the other's change may write last. Found by identity-undo-scale on PostgreSQL (an entity's context
 * still listing a record a concurrent flag had split out); here the interleaving is forced with a row lock.
 */
describe('a context refresh that read earlier never overwrites a later one (PostgreSQL)', () => {
  let t: TestStore;
  let dir: string;
  let blocker: pg.Client;

  beforeAll(async () => {
    t = await openTestStore('postgres');
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-refresh-race-'));
    blocker = new pg.Client({ connectionString: t.store.location });
  });
  afterAll(async () => {
    await blocker?.end().catch(() => undefined);
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the context computed after a flag when an older refresh finishes last', async () => {
    await writeFlagCompany(dir, { people: 20, accounts: 10 });
    const config = flagCompanyConfig(dir);
    await syncModels(t.store.db, config);
    const entityOf = async (source: string, sourceId: string) =>
      (await t.store.db.selectFrom('source_records as r').innerJoin('entity_links as l', 'l.record_id', 'r.id').select('l.entity_id').where('r.source', '=', source).where('r.source_id', '=', sourceId).executeTakeFirstOrThrow())
        .entity_id;
    const person = await entityOf('crm', 'c0');
    // Another entity whose id sorts first: the old refresh writes it before the person, so a lock on it holds the refresh after its reads.
    const first = (await t.store.db.selectFrom('entities').select('id').where('id', '<', person).orderBy('id').executeTakeFirstOrThrow()).id;

    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('select 1 from entity_context where entity_id = $1 for update', [first]);
    const old = refreshContexts(t.store.db, config, { entityIds: [first, person] });
    // Wait until the old refresh has read everything and waits for the row lock.
    for (let waited = 0; ; waited += 20) {
      const { rows } = await blocker.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (rows[0].n > 0) break;
      if (waited > 10_000) throw new Error('the refresh never waited for the lock');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const outcome = await withIdentityLock(t.store.db, (trx) =>
      flagRecord(trx, config, { record: { source: 'product', sourceId: 'u0' }, entity: { kind: 'person', id: person } }, { name: 'Ada Agent' }),
    );
    if (!outcome.ok) throw new Error(outcome.detail);
    await refreshContexts(t.store.db, config, { entityIds: outcome.touchedEntityIds });
    await blocker.query('commit');
    await old;

    expect(await contextProblems(t.store.db)).toEqual([]);
  });
});
