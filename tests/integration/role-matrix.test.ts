import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Context, type Me, type Role } from '../../lib/contract/index.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { createApp } from '../../server/http/app.ts';
import { syncModels } from '../../server/models/sync.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';
import { configFor, writeSources } from './support/metrics-company.ts';

/**
 * OWASP API3: for every role and every route that returns customer data, the fields sent are exactly the
 * ones the configuration allows that role (not "sent and hidden"), masked where the config says so.
 */
describe.each(ENGINES)('role x field matrix on %s', (engine) => {
  let dir: string;
  let t: TestStore;
  let config: ReturnType<typeof configFor>;
  let app: ReturnType<typeof createApp>;
  const tokens = {} as Record<Role, string>;
  let accountId: string;
  let personId: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-matrix-'));
    await writeSources(dir);
    config = configFor(dir);
    t = await openTestStore(engine);
    await syncModels(t.store.db, config);
    app = createApp({ store: t.store, config, version: 'test', runModels: async () => ({}), serialise: (work) => work() });
    for (const role of ROLES) tokens[role] = (await createToken(t.store.db, { name: `${role} person`, role })).token;
    const admin = await lookup('admin');
    accountId = admin.account!.id;
    personId = admin.person!.id;
  });
  afterAll(async () => {
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const get = async <T,>(role: Role, url: string) => {
    const response = await app.request(url, { headers: { authorization: `Bearer ${tokens[role]}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const lookup = async (role: Role) => {
    const response = await app.request('/v1/lookup', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ host: 'zendesk', identifiers: [{ type: 'email', value: 'ann@acme.com' }] }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Context;
  };

  const allowedProperties = (role: Role) => config.properties.filter((p) => p.roles.includes(role)).map((p) => `${p.entity}.${p.key}`).sort();
  const allowedMetrics = (role: Role) => config.metrics.filter((m) => m.roles.includes(role)).map((m) => `${m.entity}.${m.key}`).sort();
  const sentProperties = (c: Context) => c.properties.map((p) => `${p.entity}.${p.key}`).sort();
  const sentMetrics = (c: Context) => c.metrics.map((m) => `${m.entity}.${m.key}`).sort();

  const routes: [string, (role: Role) => Promise<Context>, (kind: 'account' | 'person') => boolean][] = [
    ['POST /v1/lookup', (role) => lookup(role), () => true],
    ['GET /v1/accounts/:id', (role) => get<Context>(role, `/v1/accounts/${accountId}`), (kind) => kind === 'account'],
    ['GET /v1/people/:id', (role) => get<Context>(role, `/v1/people/${personId}`), () => true],
  ];

  describe.each(ROLES)('%s', (role) => {
    it.each(routes)('%s sends exactly the allowed properties and metrics, health and matches', async (_name, call, shows) => {
      const context = await call(role);
      const expectedProperties = allowedProperties(role).filter((key) => shows(key.split('.')[0] as 'account' | 'person'));
      // A property with no value anywhere is simply absent; every allowed one with a value is present.
      const withValue = new Set(['account.name', 'account.plan', 'account.owner', 'person.email', 'person.phone']);
      expect(sentProperties(context)).toEqual(expectedProperties.filter((key) => withValue.has(key)));
      expect(sentMetrics(context)).toEqual(allowedMetrics(role).filter((key) => shows(key.split('.')[0] as 'account' | 'person')));
      expect(context.health).not.toBeNull();
      expect(context.matches.length).toBeGreaterThan(0);

      const raw = JSON.stringify(context);
      if (!allowedProperties(role).includes('account.owner')) expect(raw).not.toContain('Olive Owner');
      const phone = context.properties.find((p) => p.key === 'phone');
      if (!shows('person')) expect(phone).toBeUndefined();
      else if (role === 'support_agent') {
        expect(phone?.value).toBe('•••00');
        expect(raw).not.toContain('555 0100');
      } else {
        expect(phone?.value).toBe('+1 555 0100');
      }
    });

    it('GET /v1/me names exactly the allowed properties and metrics', async () => {
      const me = await get<Me>(role, '/v1/me');
      expect(me.role).toBe(role);
      expect(me.visibleProperties.map((p) => `${p.entity}.${p.key}`).sort()).toEqual(allowedProperties(role));
      expect(me.visibleMetrics.map((m) => `${m.entity}.${m.key}`).sort()).toEqual(allowedMetrics(role));
      expect(me.visibleProperties.find((p) => p.key === 'phone')?.masked).toBe(role === 'support_agent');
    });
  });

  it('keeps admin-only routes from the other roles', async () => {
    for (const role of ROLES) {
      const expected = role === 'admin' ? 200 : 403;
      for (const url of ['/v1/audit', '/v1/tokens', '/v1/quarantine']) {
        const response = await app.request(url, { headers: { authorization: `Bearer ${tokens[role]}` } });
        expect([url, role, response.status]).toEqual([url, role, expected]);
      }
    }
  });
});
