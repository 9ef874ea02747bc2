import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem, ReviewQueue, ROLES, type Role } from '../../lib/contract/index.ts';
import { createToken, revokeToken } from '../../server/auth/tokens.ts';
import { createApp } from '../../server/http/app.ts';
import { openReviewItem } from '../../server/identity/review-items.ts';
import { syncModels } from '../../server/models/sync.ts';
import { openStore, type Store } from '../../server/store/open.ts';
import { createTestDatabase } from './support/databases.ts';
import { configFor, writeSources } from './support/metrics-company.ts';

/**
 * Issue 9, item 7: a revoked or expired token is refused on the next request; the roles below admin
 * cannot use admin routes (the writes here; the reads are in role-matrix.test.ts), and nothing changes
 * when they try; GET /v1/review cuts each item's impact to what the role may see, masked where the
 * config masks, metrics included.
 */
describe('access control', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let store: Store;
  let replica: Store;
  let config: ReturnType<typeof configFor>;
  let app: ReturnType<typeof createApp>;
  const tokens = {} as Record<Role, string>;
  let accountId: string;
  let personId: string;

  const request = (token: string, url: string, init: { method?: string; body?: unknown } = {}) =>
    app.request(url, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  const expectProblem = async (res: Response, status: number, code?: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = Problem.parse(await res.json());
    if (code) expect(problem.code).toBe(code);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-access-'));
    await writeSources(dir);
    config = configFor(dir);
    database = await createTestDatabase('sidelight_access');
    store = await openStore({ databaseUrl: database.url, dataDir: dir });
    replica = await openStore({ databaseUrl: database.url, dataDir: dir, migrate: false });
    await syncModels(store.db, config);
    app = createApp({ store, config, version: 'test', runModels: (models) => syncModels(store.db, config, models ? { models } : {}), serialise: (work) => work() });
    for (const role of ROLES) tokens[role] = (await createToken(store.db, { name: `${role} person`, role })).token;
    const entities = await store.db.selectFrom('entities').select(['id', 'kind', 'name']).execute();
    accountId = entities.find((e) => e.kind === 'account' && e.name.startsWith('Acme'))!.id;
    personId = entities.find((e) => e.kind === 'person')!.id;
  });
  afterAll(async () => {
    await replica?.close();
    await store?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a revoked token on the very next request, whether revoked through the API or the CLI', async () => {
    const created = await request(tokens.admin, '/v1/tokens', { method: 'POST', body: { name: 'Short Lived', role: 'cs_rep' } });
    expect(created.status).toBe(201);
    const { token, info } = (await created.json()) as { token: string; info: { id: string } };
    expect((await request(token, '/v1/me')).status).toBe(200);
    expect((await request(token, '/v1/lookup', { method: 'POST', body: { host: 'zendesk', identifiers: [{ type: 'email', value: 'ann@acme.com' }] } })).status).toBe(200);
    expect((await request(tokens.admin, `/v1/tokens/${info.id}/revoke`, { method: 'POST' })).status).toBe(200);
    await expectProblem(await request(token, '/v1/me'), 401, 'invalid_token');
    await expectProblem(await request(token, '/v1/lookup', { method: 'POST', body: { host: 'zendesk', identifiers: [{ type: 'email', value: 'ann@acme.com' }] } }), 401, 'invalid_token');

    const other = await createToken(store.db, { name: 'Cli Revoked', role: 'support_agent' });
    expect((await request(other.token, '/v1/me')).status).toBe(200);
    expect(await revokeToken(store.db, 'Cli Revoked')).toBe(1);
    await expectProblem(await request(other.token, '/v1/me'), 401, 'invalid_token');
  });

  it('refuses a token revoked through another server on the same PostgreSQL within a second', async () => {
    const { token } = await createToken(store.db, { name: 'Elsewhere', role: 'support_agent' });
    expect((await request(token, '/v1/me')).status).toBe(200);
    const revokedAt = performance.now();
    expect(await revokeToken(replica.db, 'Elsewhere')).toBe(1);
    let status = 200;
    while (status === 200 && performance.now() - revokedAt < 3_000) {
      status = (await request(token, '/v1/me')).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
    expect(performance.now() - revokedAt).toBeLessThan(2_000);
  });

  it('refuses an expired token on the first request after its expiry', async () => {
    const created = await request(tokens.admin, '/v1/tokens', { method: 'POST', body: { name: 'Expiring', role: 'account_exec', expiresAt: new Date(Date.now() + 700).toISOString() } });
    const { token } = (await created.json()) as { token: string };
    expect((await request(token, '/v1/me')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await expectProblem(await request(token, '/v1/me'), 401, 'invalid_token');
  });

  it('keeps the admin writes from every other role, and nothing changes when they try', async () => {
    const counts = async () => {
      const [tokensRows, runs, overrides, audits] = await Promise.all([
        store.db.selectFrom('tokens').select(['id', 'revoked_at']).orderBy('id').execute(),
        store.db.selectFrom('sync_runs').select('id').execute(),
        store.db.selectFrom('property_overrides').select('key').execute(),
        store.db.selectFrom('audit_log').select('action').where('action', '<>', 'token.used').execute(),
      ]);
      return JSON.stringify([tokensRows, runs.length, overrides.length, audits.length]);
    };
    const adminId = (await store.db.selectFrom('tokens').select('id').where('name', '=', 'admin person').executeTakeFirstOrThrow()).id;
    const writes: [string, string, unknown?][] = [
      ['POST', '/v1/tokens', { name: 'Escalated', role: 'admin' }],
      ['POST', `/v1/tokens/${adminId}/revoke`],
      ['POST', '/v1/models/all/run'],
      ['POST', '/v1/models/users/run?fullRefresh=true'],
      ['POST', '/v1/quarantine/replay', { model: 'users' }],
      ['POST', '/v1/sources/crm/suggest', {}],
      ['PUT', `/v1/entities/${accountId}/properties/plan`, { value: 'Free forever' }],
      ['DELETE', `/v1/entities/${accountId}/properties/plan`],
      ['POST', '/v1/erasures', { email: 'ann@acme.com' }],
    ];
    const before = await counts();
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      for (const [method, url, body] of writes) {
        const res = await request(tokens[role], url, { method, ...(body === undefined ? {} : { body }) });
        expect([role, method, url, res.status]).toEqual([role, method, url, 403]);
        await expectProblem(res, 403, 'forbidden');
      }
    }
    expect(await counts()).toBe(before);
  });

  it('cuts review impact to what each role may see: hidden properties and metrics left out, masked ones masked', async () => {
    const impactOf = (kind: 'account' | 'person') =>
      kind === 'account'
        ? {
            properties: [
              { key: 'plan', label: 'Plan', before: 'Enterprise', after: 'CRM plan' },
              { key: 'owner', label: 'Owner', before: 'Olive Owner', after: 'Billing Bob' },
            ],
            metrics: [
              { key: 'usage', label: 'Usage', before: 7, after: 3 },
              { key: 'failed_charges', label: 'Failed charges', before: 2, after: 0 },
            ],
          }
        : {
            properties: [
              { key: 'email', label: 'Email', before: 'ann@acme.com', after: 'ann@elsewhere.example' },
              { key: 'phone', label: 'Phone', before: '+1 555 0100', after: '+1 555 0199' },
            ],
            metrics: [],
          };
    for (const [kind, entityId] of [['account', accountId], ['person', personId]] as const) {
      await openReviewItem(store.db, { kind: 'flag', entityKind: kind, entityId, records: [], evidence: { rule: 'flag', score: null, explanation: 'test item' }, impact: impactOf(kind), flagId: null });
    }
    const seen: Record<string, string[]> = {};
    for (const role of ROLES) {
      const res = await request(tokens[role], '/v1/review?status=all');
      expect(res.status).toBe(200);
      const raw = await res.text();
      const items = ReviewQueue.parse(JSON.parse(raw)).items.filter((i) => i.impact && (i.entity.id === accountId || i.entity.id === personId));
      seen[role] = items.flatMap((i) => [...i.impact!.properties.map((p) => `${p.key}:${String(p.before)}`), ...i.impact!.metrics.map((m) => `metric ${m.key}`)]).sort();
      const allowedProperties = new Set(config.properties.filter((p) => p.roles.includes(role)).map((p) => p.key));
      const allowedMetrics = new Set(config.metrics.filter((m) => m.roles.includes(role)).map((m) => m.key));
      for (const hidden of ['owner', 'email'].filter((k) => !allowedProperties.has(k))) {
        expect(raw).not.toContain(hidden === 'owner' ? 'Olive Owner' : 'ann@acme.com');
      }
      for (const item of items) for (const m of item.impact!.metrics) expect([role, m.key, allowedMetrics.has(m.key)]).toEqual([role, m.key, true]);
      if (role === 'support_agent') expect(raw).not.toContain('555 0100');
    }
    expect(seen).toEqual({
      support_agent: ['metric usage', 'phone:•••00', 'plan:Enterprise'],
      account_exec: ['metric failed_charges', 'metric usage', 'owner:Olive Owner', 'phone:+1 555 0100', 'plan:Enterprise'],
      cs_rep: ['email:ann@acme.com', 'metric failed_charges', 'metric usage', 'owner:Olive Owner', 'phone:+1 555 0100', 'plan:Enterprise'],
      admin: ['email:ann@acme.com', 'metric failed_charges', 'metric usage', 'owner:Olive Owner', 'phone:+1 555 0100', 'plan:Enterprise'],
    });
  });
});
