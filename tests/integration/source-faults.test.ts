import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context, ModelStatus } from '../../lib/contract/index.ts';
import { createToken } from '../../server/auth/tokens.ts';
import type { SidelightConfig } from '../../server/config/schema.ts';
import { createApp } from '../../server/http/app.ts';
import { syncModels } from '../../server/models/sync.ts';
import { openTestStore, type TestStore } from './support/databases.ts';
import { sourceCompanyConfig, useSourceCompany } from './support/source-company.ts';

/**
 * Issue 9, item 5: a source that is down, slow past its timeout, refuses the credentials, or changed its
 * schema fails the run with an error naming the cause; the last good data stays served by the lookup
 * (at once, not after the fault clears), the model shows stale in GET /v1/models and in the lookup's
 * freshness; the run after the fault is fixed recovers. (A missing table and an unset URL variable are
 * in store.test.ts; a cursor gone backwards and a dropped column with `select *` in incremental.test.ts.)
 */
const config = sourceCompanyConfig();
useSourceCompany();

const withCrm = (patch: { url?: string; timeoutSeconds?: number; sql?: string }): SidelightConfig => {
  if (patch.url) process.env.SIDELIGHT_FAULT_URL = patch.url;
  const crm = config.sources.crm as Extract<SidelightConfig['sources'][string], { type: 'postgres' }>;
  return {
    ...config,
    sources: { ...config.sources, crm: { ...crm, ...(patch.url ? { url: { env: 'SIDELIGHT_FAULT_URL' } } : {}), ...(patch.timeoutSeconds ? { timeoutSeconds: patch.timeoutSeconds } : {}) } },
    models: config.models.map((m) => (m.name === 'crm_accounts' && patch.sql ? { ...m, sql: patch.sql } : m)),
  };
};

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('source faults', () => {
  let t: TestStore;
  let admin: string;
  let agent: string;
  const appFor = (c: SidelightConfig) => createApp({ store: t.store, config: c, version: 'test', runModels: (models, options) => syncModels(t.store.db, c, { ...(models ? { models } : {}), ...options }), serialise: (work) => work() });
  const call = async (app: ReturnType<typeof appFor>, token: string, path: string, body?: unknown) => {
    const res = await app.request(path, { method: body === undefined ? (path.endsWith('/run') ? 'POST' : 'GET') : 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect(res.status).toBe(200);
    return res.json();
  };
  const lookup = (app: ReturnType<typeof appFor>) => call(app, agent, '/v1/lookup', { host: 'zendesk', identifiers: [{ type: 'zendesk_ticket_id', value: '101' }] }) as Promise<Context>;
  const crmStatus = async (app: ReturnType<typeof appFor>) => ((await call(app, agent, '/v1/models')) as { models: ModelStatus[] }).models.find((m) => m.name === 'crm_accounts')!;

  beforeAll(async () => {
    t = await openTestStore('pglite');
    admin = (await createToken(t.store.db, { name: 'Root', role: 'admin' })).token;
    agent = (await createToken(t.store.db, { name: 'Ada Agent', role: 'support_agent' })).token;
    await syncModels(t.store.db, config);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  /** The fault fails the run naming the cause, the last good data stays served and shows stale; then it recovers. */
  async function faultThenRecover(broken: SidelightConfig, cause: RegExp, repair?: () => Promise<void>, repaired: SidelightConfig = config) {
    const faulty = appFor(broken);
    const run = (await call(faulty, admin, '/v1/models/crm_accounts/run')) as { runs: { status: string; error: string | null }[] };
    expect(run.runs).toHaveLength(1);
    expect(run.runs[0]!.status).toBe('failed');
    expect(run.runs[0]!.error).toMatch(cause);

    const status = await crmStatus(faulty);
    expect(status).toMatchObject({ stale: true, lastRun: { status: 'failed' } });
    expect(status.lastRun!.error).toMatch(cause);
    const served = await lookup(faulty);
    expect(served.account?.name).toBe('Acme Corp');
    expect(served.properties.find((p) => p.key === 'owner')).toMatchObject({ value: 'Dana Owner', source: 'crm' });
    expect(served.freshness).toMatchObject({ stale: true });
    expect(served.freshness.staleModels).toContain('crm_accounts');

    await repair?.();
    const healthy = appFor(repaired);
    const again = (await call(healthy, admin, '/v1/models/crm_accounts/run')) as { runs: { status: string; error: string | null }[] };
    expect(again.runs.map((r) => [r.status, r.error])).toEqual([['succeeded', null]]);
    expect(await crmStatus(healthy)).toMatchObject({ stale: false, lastRun: { status: 'succeeded' } });
    expect((await lookup(healthy)).freshness).toMatchObject({ stale: false, staleModels: [] });
  }

  it('source down (nothing listens on the port)', async () => {
    const port = await closedPort();
    await faultThenRecover(withCrm({ url: `postgres://postgres@127.0.0.1:${port}/crm` }), /^source "crm": cannot connect: .*ECONNREFUSED/);
  });

  it('wrong credentials', async () => {
    const url = new URL(process.env.TEST_SOURCE_URL!);
    url.username = 'sidelight_no_such_role';
    await faultThenRecover(withCrm({ url: url.toString() }), /^source "crm": cannot connect: .*sidelight_no_such_role/);
  });

  it('slow past timeoutSeconds, while lookups keep being answered at once', async () => {
    const slow = withCrm({ timeoutSeconds: 3, sql: 'select id, name, website as domain, owner, segment, created_at from crm.accounts, pg_sleep(8)' });
    const app = appFor(slow);
    const started = performance.now();
    const running = app.request('/v1/models/crm_accounts/run', { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const during = performance.now();
    expect((await lookup(app)).account?.name).toBe('Acme Corp');
    const lookupMs = performance.now() - during;
    const run = (await (await running).json()) as { runs: { status: string; error: string }[] };
    const runMs = performance.now() - started;
    expect(run.runs[0]).toMatchObject({ status: 'failed' });
    expect(run.runs[0]!.error).toMatch(/source "crm": model "crm_accounts": .*timeoutSeconds: 3/);
    // Cut at the timeout (3 s), not after the 8 s the query would take; the lookup did not wait for it.
    expect(runMs).toBeLessThan(6_500);
    expect(lookupMs).toBeLessThan(1_500);
    await faultThenRecover(slow, /timeoutSeconds: 3/);
  });

  it('schema changed at the source (a column renamed, then dropped)', async () => {
    const source = new pg.Client({ connectionString: process.env.TEST_SOURCE_URL });
    await source.connect();
    try {
      await source.query('alter table crm.accounts rename column name to account_name');
      await faultThenRecover(config, /^source "crm": model "crm_accounts": column "name" does not exist/, async () => {
        await source.query('alter table crm.accounts rename column account_name to name');
      });
      await source.query('create view crm.accounts_all as select id, website, owner, segment, created_at from crm.accounts');
      const star = withCrm({ sql: 'select id, name, website as domain, owner, segment, created_at from crm.accounts_all' });
      const dropped = { ...star, models: star.models.map((m) => (m.name === 'crm_accounts' ? { ...m, sql: 'select *, website as domain from crm.accounts_all' } : m)) };
      await faultThenRecover(
        dropped,
        /^model "crm_accounts": column "name" missing from the source's rows/,
        async () => {
          await source.query('drop view crm.accounts_all; create view crm.accounts_all as select id, name, website, owner, segment, created_at from crm.accounts');
        },
        dropped,
      );
    } finally {
      await source.end();
    }
  });
});
