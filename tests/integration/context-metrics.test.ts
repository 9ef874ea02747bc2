import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context, MetricValue } from '../../lib/contract/index.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { createApp } from '../../server/http/app.ts';
import { buildContext } from '../../server/lookup/build-context.ts';
import { syncModels } from '../../server/models/sync.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';
import { ANCHOR, configFor, writeSources } from './support/metrics-company.ts';

/**
 * Metrics, health and survivorship on fixed data with known answers. Every record sits at a known distance
 * from ANCHOR, and lookups pass `asOf: ANCHOR`, so each window and its prior have exact expected values.
 */

const windowsOf = (metric: MetricValue | undefined) => Object.fromEntries((metric?.windows ?? []).map((w) => [w.window, [w.value, w.previous, w.change]]));

describe.each(ENGINES)('context metrics on %s', (engine) => {
  let dir: string;
  let t: TestStore;
  let config: ReturnType<typeof configFor>;
  let context: Context;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-metrics-'));
    await writeSources(dir);
    config = configFor(dir);
    t = await openTestStore(engine);
    const result = await syncModels(t.store.db, config);
    expect(result.runs.filter((r) => r.status !== 'succeeded')).toEqual([]);
    context = await buildContext(t.store.db, config, { identifiers: [{ type: 'email', value: 'ann@acme.com' }], role: 'admin', asOf: ANCHOR });
  });
  afterAll(async () => {
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const metric = (key: string, from: Context = context) => from.metrics.find((m) => m.key === key);

  it('resolves the person and the account across CRM, billing and product', () => {
    expect(context.status).toBe('matched');
    expect(context.account?.name).toBe('Acme (CRM)');
    expect(context.person?.name).toBe('Ann');
  });

  it('applies survivorship per property: billing wins plan, CRM wins owner and name, with lineage', () => {
    const byKey = Object.fromEntries(context.properties.map((p) => [p.key, p]));
    expect(byKey.plan).toMatchObject({ value: 'Enterprise', source: 'billing', system: 'billing', sourceRecordId: 'cus1' });
    expect(byKey.owner).toMatchObject({ value: 'Olive Owner', source: 'crm', sourceRecordId: 'sf1' });
    expect(byKey.name).toMatchObject({ value: 'Acme (CRM)', source: 'crm' });
  });

  it('counts every window and its prior window at the anchor', () => {
    expect(windowsOf(metric('usage'))).toEqual({
      '24h': [1, 1, 0],
      '7d': [3, 1, 2],
      '30d': [4, 1, 3],
      '90d': [5, 1, 4],
      all: [6, null, null],
    });
    expect(windowsOf(metric('active_users'))).toMatchObject({ '24h': [1, 1, 0], '7d': [2, 1, 1], all: [2, null, null] });
    expect(windowsOf(metric('users_added'))).toMatchObject({ '24h': [0, 0, 0], '7d': [1, 0, null], '90d': [2, 0, null] });
    expect(windowsOf(metric('failed_charges'))).toMatchObject({ '7d': [1, 0, null], '30d': [1, 1, 0], '90d': [2, 0, null] });
  });

  it('draws a daily sparkline of 90 points ending at the anchor', () => {
    const points = metric('usage')!.sparkline;
    expect(points).toHaveLength(90);
    const nonZero = points.flatMap((v, i) => (v ? [[i, v]] : []));
    expect(nonZero).toEqual([[49, 1], [79, 1], [86, 1], [88, 1], [89, 1]]);
  });

  it('sums current-state values with filters, divides ratios and measures elapsed time', () => {
    expect(windowsOf(metric('mrr'))).toEqual({ all: [1500.5, null, null] });
    expect(windowsOf(metric('seats'))).toEqual({ all: [5, null, null] });
    expect(windowsOf(metric('seat_use'))).toEqual({ all: [2 / 5, null, null] });
    // The only login is the event an hour before the anchor.
    expect(windowsOf(metric('since_login'))).toEqual({ all: [3600, null, null] });
    expect(metric('mrr')).toMatchObject({ format: 'currency', label: 'MRR', sparkline: [] });
  });

  it('scores health from weighted factors, the costliest factor first', () => {
    // usage 30d = 4 -> 50 points (weight 3); failed charges 90d = 2 -> 0 points (weight 1): (150 + 0) / 4.
    expect(context.health).toMatchObject({ score: 38, band: 'at_risk' });
    expect(context.health!.factors.map((f) => [f.key, f.score, f.weight])).toEqual([
      ['usage', 50, 0.75],
      ['billing', 0, 0.25],
    ]);
    expect(context.health!.factors[1]!.detail).toBe('2 (last 90d)');
  });

  it('anchors at now without asOf: the precomputed context, with the future event counted', async () => {
    const now = await buildContext(t.store.db, config, { identifiers: [{ type: 'email', value: 'ann@acme.com' }], role: 'admin' });
    expect(windowsOf(metric('usage', now)).all?.[0]).toBe(7);
    expect(now.health?.score).not.toBeUndefined();
  });

  it('shows person metrics for the person and none a role may not see', async () => {
    expect(windowsOf(metric('person_usage'))).toMatchObject({ all: [3, null, null] });
    const agent = await buildContext(t.store.db, config, { identifiers: [{ type: 'email', value: 'ann@acme.com' }], role: 'support_agent', asOf: ANCHOR });
    expect(agent.metrics.map((m) => m.key)).not.toContain('failed_charges');
    expect(agent.properties.map((p) => p.key)).not.toContain('email');
    expect(agent.health).not.toBeNull();
  });

  it('gives an account with no activity zeros, not gaps', async () => {
    const quiet = await buildContext(t.store.db, config, { identifiers: [{ type: 'domain', value: 'quiet.example' }], role: 'admin', asOf: ANCHOR });
    expect(quiet.account?.name).toBe('Quiet Co');
    expect(windowsOf(metric('usage', quiet))['7d']).toEqual([0, 0, 0]);
    expect(windowsOf(metric('mrr', quiet))).toEqual({ all: [0, null, null] });
  });

  it('lets an admin override a property, audited, and remove the override', async () => {
    const app = createApp({ store: t.store, config, version: 'test', runModels: async () => ({}), serialise: (work) => work() });
    const admin = (await createToken(t.store.db, { name: 'Ada Admin', role: 'admin' })).token;
    const agent = (await createToken(t.store.db, { name: 'Sam Agent', role: 'support_agent' })).token;
    const id = context.account!.id;
    const put = (token: string, body: unknown) =>
      app.request(`/v1/entities/${id}/properties/plan`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const read = async () => (await (await app.request(`/v1/accounts/${id}`, { headers: { authorization: `Bearer ${admin}` } })).json()) as Context;
    const before = await read();
    expect((await put(agent, { value: 'Free' })).status).toBe(403);
    expect((await put(admin, { value: 'Strategic', note: 'contract signed, billing lags' })).status).toBe(200);
    const overridden = await read();
    expect(overridden.properties.find((p) => p.key === 'plan')).toMatchObject({ value: 'Strategic', source: 'override', overriddenBy: 'Ada Admin' });
    expect(overridden.version).not.toBe(before.version);
    const audit = await t.store.db.selectFrom('audit_log').select(['actor', 'action', 'subject']).where('action', 'like', 'property.%').execute();
    expect(audit).toEqual([{ actor: 'Ada Admin', action: 'property.override', subject: `${id}.plan` }]);

    const removed = await app.request(`/v1/entities/${id}/properties/plan`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    expect(removed.status).toBe(204);
    const restored = await read();
    expect(restored.properties.find((p) => p.key === 'plan')).toMatchObject({ value: 'Enterprise', source: 'billing', overriddenBy: null });
    // Recomputed at a later moment: elapsed-time metrics moved on, so the version did too.
    expect(restored.version).not.toBe(overridden.version);
  });

  it('reports data-quality findings after the sync', async () => {
    const app = createApp({ store: t.store, config, version: 'test', runModels: async () => ({}), serialise: (work) => work() });
    const token = (await createToken(t.store.db, { name: 'Sam Agent', role: 'support_agent' })).token;
    const report = (await (await app.request('/v1/quality', { headers: { authorization: `Bearer ${token}` } })).json()) as {
      checks: { check: string; model: string | null; status: string; count: number; samples: string[] }[];
    };
    const warnings = report.checks.filter((c) => c.status === 'warn').map((c) => [c.check, c.model, c.count, c.samples]);
    expect(warnings).toEqual([
      ['contradictory_subscription_state', 'subscriptions', 1, ['s3']],
      ['missing_account_reference', 'charges', 1, ['ch4']],
    ]);
    expect(report.checks.find((c) => c.check === 'orphan_memberships')).toMatchObject({ status: 'ok', count: 0 });
    expect(report.checks.find((c) => c.check === 'people_without_account')).toMatchObject({ status: 'ok' });
  });

  it('answers GET /v1/accounts/:id with an ETag and 304 for the same version', async () => {
    const app = createApp({ store: t.store, config, version: 'test', runModels: async () => ({}), serialise: (work) => work() });
    const token = (await createToken(t.store.db, { name: 'Eve Exec', role: 'account_exec' })).token;
    const first = await app.request(`/v1/accounts/${context.account!.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await app.request(`/v1/accounts/${context.account!.id}`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await app.request('/v1/accounts/acc_nope', { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    const history = await app.request(`/v1/accounts/${context.account!.id}/health/history`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await history.json()) as { days: { day: string; score: number }[] };
    expect(body.days).toHaveLength(1);
    expect(body.days[0]!.day).toBe(new Date().toISOString().slice(0, 10));
    const search = await app.request('/v1/search?q=acme', { headers: { authorization: `Bearer ${token}` } });
    expect(((await search.json()) as { results: { name: string }[] }).results.map((r) => r.name)).toContain('Acme (CRM)');
  });
});
