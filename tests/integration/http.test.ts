import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Context, LookupResponse, Problem } from '../../lib/contract/index.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { createApp } from '../../server/http/app.ts';
import { syncModels } from '../../server/models/sync.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';
import { sourceCompanyConfig, useSourceCompany } from './support/source-company.ts';

const config = sourceCompanyConfig();
useSourceCompany();

describe.each(ENGINES)('HTTP API on %s', (engine) => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  let agent: string;
  let admin: string;
  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    app.request(path, {
      ...init,
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) },
    });

  beforeAll(async () => {
    t = await openTestStore(engine);
    app = createApp({ store: t.store, config, version: 'test', runModels: (models) => syncModels(t.store.db, config, models ? { models } : {}), serialise: (work) => work() });
    agent = (await createToken(t.store.db, { name: 'Ada Agent', role: 'support_agent' })).token;
    admin = (await createToken(t.store.db, { name: 'Root', role: 'admin' })).token;
    await syncModels(t.store.db, config);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers /healthz without a token', async () => {
    const res = await call('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: 'test', store: engine, database: 'ok' });
  });

  it('refuses a missing or unknown token with 401 problem+json', async () => {
    for (const token of [undefined, 'sl_nope']) {
      const res = await call('/v1/me', token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(Problem.parse(await res.json()).status).toBe(401);
    }
  });

  it('tells the caller who they are', async () => {
    const res = await call('/v1/me', { token: agent });
    const me = (await res.json()) as { name: string; role: string; visibleProperties: { key: string }[] };
    expect(me).toMatchObject({ name: 'Ada Agent', role: 'support_agent' });
    expect(me.visibleProperties.map((p) => p.key)).toEqual(['name', 'owner', 'email']);
    const exec = (await (await call('/v1/me', { token: admin })).json()) as typeof me;
    expect(exec.visibleProperties.map((p) => p.key)).toEqual(['name', 'owner', 'segment', 'email']);
  });

  it('looks up a ticket, and answers notModified for the current version', async () => {
    const body = { host: 'zendesk', identifiers: [{ type: 'zendesk_ticket_id', value: '101' }] };
    const res = await call('/v1/lookup', { method: 'POST', token: agent, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const context = Context.parse(await res.json());
    expect(context.account?.name).toBe('Acme Corp');
    const again = await call('/v1/lookup', { method: 'POST', token: agent, body: JSON.stringify({ ...body, ifVersion: context.version }) });
    expect(LookupResponse.parse(await again.json())).toEqual({ notModified: true, version: context.version });
  });

  it('answers a malformed lookup with 400 and the zod issues', async () => {
    const bad = await call('/v1/lookup', { method: 'POST', token: agent, body: JSON.stringify({ host: 'myspace', identifiers: [] }) });
    expect(bad.status).toBe(400);
    const problem = Problem.parse(await bad.json());
    expect(problem.issues?.map((i) => i.path.join('.')).sort()).toEqual(['host', 'identifiers']);
    const notJson = await call('/v1/lookup', { method: 'POST', token: agent, body: '{not json' });
    expect(notJson.status).toBe(400);
  });

  it('keeps admin routes to admins', async () => {
    expect((await call('/v1/tokens', { token: agent })).status).toBe(403);
    const created = await call('/v1/tokens', { method: 'POST', token: admin, body: JSON.stringify({ name: 'Cy Rep', role: 'cs_rep' }) });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    expect((await call('/v1/me', { token })).status).toBe(200);
    expect((await call('/v1/tokens/Cy%20Rep/revoke', { method: 'POST', token: admin })).status).toBe(200);
    expect((await call('/v1/me', { token })).status).toBe(401);
  });

  it('runs a model and lists runs, models and quarantine', async () => {
    const run = await call('/v1/models/zd_tickets/run', { method: 'POST', token: admin });
    expect(run.status).toBe(200);
    expect(((await run.json()) as { runs: { model: string }[] }).runs.map((r) => r.model)).toEqual(['zd_tickets']);
    const models = (await (await call('/v1/models', { token: agent })).json()) as { models: { name: string; stale: boolean }[] };
    expect(models.models).toHaveLength(config.models.length);
    const quarantine = (await (await call('/v1/quarantine', { token: admin })).json()) as { rows: { reason: string }[] };
    expect(quarantine.rows.length).toBeGreaterThan(0);
  });

  it('answers CORS for extension origins only', async () => {
    const ext = await call('/v1/me', { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'GET' } });
    expect(ext.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    const web = await call('/v1/me', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('publishes OpenAPI 3.1 and an offline docs page', async () => {
    const spec = (await (await call('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/healthz', '/v1/lookup', '/v1/me', '/v1/models', '/v1/sync-runs', '/v1/quarantine']));
    const docs = await call('/docs');
    expect(await docs.text()).toContain('/docs/swagger-ui-bundle.js');
    const bundle = await call('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
