import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config/load.ts';
import { openStore, type Store } from '../../server/store/open.ts';
import { createTestDatabase } from './support/databases.ts';
import { startServeProcess } from './support/serve-process.ts';

describe('schedules shared by two server processes', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let store: Store;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-sched-'));
    database = await createTestDatabase('sidelight_sched');
    await writeFile(path.join(dir, 'accounts.csv'), 'id,name\n1,Acme\n2,Globex\n');
    await writeFile(path.join(dir, 'people.csv'), 'id,email\nu1,a@acme.com\n');
    await writeFile(
      path.join(dir, 'sidelight.config.ts'),
      `export default {
        sources: { sheet: { type: 'csv', dir: ${JSON.stringify(dir)}, system: 'crm' } },
        models: [
          { name: 'accounts', kind: 'accounts', source: 'sheet', file: 'accounts.csv', schedule: '*/2 * * * * *' },
          { name: 'people', kind: 'users', source: 'sheet', file: 'people.csv', schedule: '*/3 * * * * *' },
        ],
      };`,
    );
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs each model once per tick, whichever process claims it', async () => {
    const env = (n: number) => ({ ...process.env, DATABASE_URL: database.url, SIDELIGHT_DATA_DIR: path.join(dir, `data-${n}`), SIDELIGHT_CONFIG: path.join(dir, 'sidelight.config.ts') });
    const servers = await Promise.all([startServeProcess({ env: env(1) }), startServeProcess({ env: env(2) })]);
    store = await openStore({ databaseUrl: database.url, migrate: false });
    const succeeded = async (model: string) =>
      (await store.db.selectFrom('schedule_ticks').select('model').where('model', '=', model).where('outcome', '=', 'succeeded').execute()).length;
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && ((await succeeded('accounts')) < 3 || (await succeeded('people')) < 2)) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await Promise.all(servers.map((s) => s.stop()))).toEqual([0, 0]);

    const ticks = await store.db.selectFrom('schedule_ticks').selectAll().orderBy('tick_at').execute();
    const runs = await store.db.selectFrom('sync_runs').selectAll().orderBy('id').execute();
    const ran = ticks.filter((t) => t.outcome === 'succeeded');
    expect(ran.filter((t) => t.model === 'accounts').length).toBeGreaterThanOrEqual(3);
    expect(ran.filter((t) => t.model === 'people').length).toBeGreaterThanOrEqual(2);
    // Exactly one run per claimed tick: two processes never both ran the same moment.
    for (const model of ['accounts', 'people']) {
      expect(runs.filter((r) => r.model === model).length).toBe(ticks.filter((t) => t.model === model && t.outcome !== null && !t.outcome.startsWith('skipped')).length);
    }
    // Runs of one model never overlap in time.
    for (const model of ['accounts', 'people']) {
      const mine = runs.filter((r) => r.model === model);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.started_at.getTime()).toBeGreaterThanOrEqual(mine[i - 1]!.finished_at!.getTime());
    }
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
  });

  it('refuses a schedule that is not cron, with its path', () => {
    const attempt = () =>
      parseConfig({ sources: { s: { type: 'csv', dir: '.', system: 'crm' } }, models: [{ name: 'a', kind: 'accounts', source: 's', file: 'a.csv', schedule: 'every tuesday' }] });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/models\.0\.schedule: not a valid cron expression/);
  });
});
