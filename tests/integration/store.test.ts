import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, createToken, revokeToken } from '../../server/auth/tokens.ts';
import { syncModels } from '../../server/models/sync.ts';
import { listQuarantine, modelStatuses } from '../../server/models/status.ts';
import { buildContext } from '../../server/lookup/build-context.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';
import { SF, sourceCompanyConfig, useSourceCompany } from './support/source-company.ts';

const config = sourceCompanyConfig();
useSourceCompany();

describe.each(ENGINES)('store on %s', (engine) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(engine);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('stores tokens hashed and refuses revoked and expired ones', async () => {
    const { token, info } = await createToken(t.store.db, { name: 'Ada Agent', role: 'support_agent' });
    expect(token).toMatch(/^sl_[\w-]{40,}$/);
    const row = await t.store.db.selectFrom('tokens').selectAll().where('id', '=', info.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect((await authenticate(t.store.db, token))?.name).toBe('Ada Agent');
    expect(await authenticate(t.store.db, `${token}x`)).toBeNull();
    expect(await revokeToken(t.store.db, info.id)).toBe(1);
    expect(await authenticate(t.store.db, token)).toBeNull();
    const expired = await createToken(t.store.db, { name: 'Old', role: 'admin', expiresAt: new Date(Date.now() - 1000) });
    expect(await authenticate(t.store.db, expired.token)).toBeNull();
  });

  it('syncs every model, quarantining bad rows with their reason', async () => {
    const result = await syncModels(t.store.db, config);
    const byModel = Object.fromEntries(result.runs.map((r) => [r.model, r]));
    expect(result.runs.every((r) => r.status === 'succeeded')).toBe(true);
    expect(byModel.crm_accounts).toMatchObject({ rowsRead: 4, rowsAccepted: 2, rowsQuarantined: 2 });
    expect(byModel.zd_users).toMatchObject({ rowsRead: 4, rowsAccepted: 3, rowsQuarantined: 1 });
    expect(byModel.zd_tickets).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsQuarantined: 1 });
    const reasons = (await listQuarantine(t.store.db)).map((q) => `${q.model}: ${q.reason}`).sort();
    expect(reasons).toEqual([
      'crm_accounts: created_at: date in the future',
      'crm_accounts: name: name is empty',
      'zd_tickets: created_at: missing',
      'zd_users: id: duplicate id "9003" in this run',
    ]);
  });

  it('resolves a Zendesk ticket to its account and person through exact rules', async () => {
    const context = await buildContext(t.store.db, config, { identifiers: [{ type: 'zendesk_ticket_id', value: '101' }], role: 'admin' });
    expect(context.status).toBe('matched');
    expect(context.account?.name).toBe('Acme Corp');
    expect(context.account?.detail).toBe('acme.com');
    expect(context.person?.name).toBe('Alice Anders');
    const sources = context.matches.filter((m) => m.entity.kind === 'account').map((m) => `${m.source}:${m.rule}`).sort();
    expect(sources).toEqual(['crm:shared_system_id', 'helpdesk:shared_system_id', 'product:shared_system_id']);
    const people = context.matches.filter((m) => m.entity.kind === 'person').map((m) => m.source).sort();
    expect(people).toEqual(['crm', 'helpdesk', 'product']);
    const owner = context.properties.find((p) => p.key === 'owner');
    expect(owner).toMatchObject({ value: 'Dana Owner', source: 'crm', system: 'crm', sourceRecordId: SF.ACME });
    const crm = context.matches.find((m) => m.source === 'crm' && m.entity.kind === 'account');
    expect(crm?.link).toBe(`https://acme.lightning.force.com/lightning/r/Account/${SF.ACME}/view`);
  });

  it('finds the same account by email, by a 15-character Salesforce id and by domain', async () => {
    const byEmail = await buildContext(t.store.db, config, { identifiers: [{ type: 'email', value: '  ALICE@ACME.COM' }], role: 'admin' });
    expect(byEmail.account?.name).toBe('Acme Corp');
    const by15 = await buildContext(t.store.db, config, { identifiers: [{ type: 'salesforce_id', value: SF.GLOBEX.slice(0, 15) }], role: 'admin' });
    expect(by15.account?.name).toBe('Globex');
    const byDomain = await buildContext(t.store.db, config, { identifiers: [{ type: 'domain', value: 'www.acme.com' }], role: 'admin' });
    expect(byDomain.account?.name).toBe('Acme Corp');
  });

  it('says ambiguous for a person in two accounts, and none for an unknown requester', async () => {
    const consultant = await buildContext(t.store.db, config, { identifiers: [{ type: 'email', value: 'consultant@agency.com' }], role: 'admin' });
    expect(consultant.status).toBe('ambiguous');
    expect(consultant.candidates.map((c) => c.name).sort()).toEqual(['Acme Corp', 'Globex']);
    const unknown = await buildContext(t.store.db, config, { identifiers: [{ type: 'email', value: 'nobody@nowhere.example' }], role: 'admin' });
    expect(unknown).toMatchObject({ status: 'none', account: null, person: null });
    const unlinked = await buildContext(t.store.db, config, { identifiers: [{ type: 'zendesk_ticket_id', value: '102' }], role: 'admin' });
    expect(unlinked).toMatchObject({ status: 'matched', account: null, person: { name: 'Carol' } });
  });

  it('never sends a property the role may not see', async () => {
    const agent = await buildContext(t.store.db, config, { identifiers: [{ type: 'zendesk_ticket_id', value: '101' }], role: 'support_agent' });
    const exec = await buildContext(t.store.db, config, { identifiers: [{ type: 'zendesk_ticket_id', value: '101' }], role: 'account_exec' });
    expect(agent.properties.map((p) => p.key)).not.toContain('segment');
    expect(exec.properties.find((p) => p.key === 'segment')?.value).toBe('Enterprise');
  });

  it('keeps the last good data and marks the model stale when its source fails', async () => {
    const broken = { ...config, models: config.models.map((m) => (m.name === 'crm_accounts' ? { ...m, sql: 'select * from crm.no_such_table' } : m)) };
    const result = await syncModels(t.store.db, broken, { models: ['crm_accounts'] });
    expect(result.runs[0]).toMatchObject({ status: 'failed' });
    expect(result.runs[0]!.error).toContain('no_such_table');
    const context = await buildContext(t.store.db, broken, { identifiers: [{ type: 'zendesk_ticket_id', value: '101' }], role: 'admin' });
    expect(context.account?.name).toBe('Acme Corp');
    expect(context.freshness).toMatchObject({ stale: true, staleModels: ['crm_accounts'] });
    const status = (await modelStatuses(t.store.db, broken)).find((s) => s.name === 'crm_accounts');
    expect(status).toMatchObject({ stale: true, lastRun: { status: 'failed' } });

    const unreachable = { ...config, sources: { ...config.sources, crm: { ...config.sources.crm!, url: { env: 'SIDELIGHT_TEST_UNSET_URL' } } } };
    const failed = await syncModels(t.store.db, unreachable as typeof config, { models: ['crm_accounts'] });
    expect(failed.runs[0]!.error).toContain('SIDELIGHT_TEST_UNSET_URL is not set');

    const recovered = await syncModels(t.store.db, config, { models: ['crm_accounts'] });
    expect(recovered.runs[0]).toMatchObject({ status: 'succeeded', rowsAccepted: 2 });
    const fresh = await buildContext(t.store.db, config, { identifiers: [{ type: 'zendesk_ticket_id', value: '101' }], role: 'admin' });
    expect(fresh.freshness.stale).toBe(false);
  });

  it('keeps entity ids stable across syncs', async () => {
    const before = await buildContext(t.store.db, config, { identifiers: [{ type: 'zendesk_ticket_id', value: '101' }], role: 'admin' });
    await syncModels(t.store.db, config);
    const after = await buildContext(t.store.db, config, { identifiers: [{ type: 'zendesk_ticket_id', value: '101' }], role: 'admin' });
    expect(after.account?.id).toBe(before.account?.id);
    expect(after.person?.id).toBe(before.person?.id);
    expect(after.version).toBe(before.version);
  });
});
