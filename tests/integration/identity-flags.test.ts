import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Context, EntityHistory, Flag, FlagList, Problem, ReviewItem, ReviewQueue } from '../../lib/contract/index.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { createApp } from '../../server/http/app.ts';
import { openUncertainReview } from '../../server/identity/review-items.ts';
import { syncModels } from '../../server/models/sync.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';
import { identitySnapshot } from './support/identity-snapshot.ts';
import { SF, sourceCompanyConfig, useSourceCompany } from './support/source-company.ts';

const config = sourceCompanyConfig();
useSourceCompany();

describe.each(ENGINES)('flags, review and undo on %s', (engine) => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  const tokens: Record<'agent' | 'otherAgent' | 'exec' | 'rep' | 'admin', string> = { agent: '', otherAgent: '', exec: '', rep: '', admin: '' };
  let alice: string;
  let acme: string;
  let keys = 0;
  const newKey = () => `test-key-${engine}-${++keys}`;

  const call = (path: string, init: { method?: string; token: string; body?: unknown; key?: string | null }) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.token}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.key ? { 'idempotency-key': init.key } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  const flag = (token: string, body: unknown, key: string | null = newKey()) => call('/v1/flags', { method: 'POST', token, body, key });
  const lookup = async (type: string, value: string) =>
    Context.parse(await (await call('/v1/lookup', { method: 'POST', token: tokens.agent, body: { host: 'zendesk', identifiers: [{ type, value }] } })).json());
  const aliceZendesk = () => ({ record: { source: 'helpdesk', sourceId: '9001' }, entity: { kind: 'person', id: alice }, note: 'a different Alice' });

  beforeAll(async () => {
    t = await openTestStore(engine);
    app = createApp({ store: t.store, config, version: 'test', runModels: (models) => syncModels(t.store.db, config, models ? { models } : {}), serialise: (work) => work() });
    tokens.agent = (await createToken(t.store.db, { name: 'Ada Agent', role: 'support_agent' })).token;
    tokens.otherAgent = (await createToken(t.store.db, { name: 'Sam Support', role: 'support_agent' })).token;
    tokens.exec = (await createToken(t.store.db, { name: 'Eve Exec', role: 'account_exec' })).token;
    tokens.rep = (await createToken(t.store.db, { name: 'Rita Rep', role: 'cs_rep' })).token;
    tokens.admin = (await createToken(t.store.db, { name: 'Root', role: 'admin' })).token;
    await syncModels(t.store.db, config);
    alice = (await lookup('salesforce_id', SF.ALICE)).person!.id;
    acme = (await lookup('salesforce_id', SF.ACME)).account!.id;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('splits a flagged record out at once: the lookup shows it under a new entity, the rest keeps its id', async () => {
    expect((await lookup('zendesk_ticket_id', '101')).person?.id).toBe(alice);
    const before = await identitySnapshot(t.store.db);
    const res = await flag(tokens.agent, aliceZendesk());
    expect(res.status).toBe(201);
    const created = Flag.parse(await res.json());
    expect(created).toMatchObject({ status: 'applied', record: { source: 'helpdesk', sourceId: '9001' }, entity: { kind: 'person', id: alice }, createdBy: 'Ada Agent' });
    expect(created.splitEntityId).not.toBe(alice);

    const ticket = await lookup('zendesk_ticket_id', '101');
    expect(ticket.person?.id).toBe(created.splitEntityId);
    expect(ticket.matches.filter((m) => m.entity.kind === 'person').map((m) => [m.source, m.sourceId, m.entity.id, m.rule])).toEqual([
      ['helpdesk', '9001', created.splitEntityId, 'split'],
    ]);
    const crm = await lookup('salesforce_id', SF.ALICE);
    expect(crm.person?.id).toBe(alice);
    expect(crm.matches.filter((m) => m.entity.kind === 'person').map((m) => m.source).sort()).toEqual(['crm', 'product']);

    // Only the flagged record's link changed; the ticket follows its requester.
    const after = await identitySnapshot(t.store.db);
    const changed = after.links.filter((l) => JSON.stringify(l) !== JSON.stringify(before.links.find((b) => b.record_id === l.record_id)));
    expect(changed.map((l) => l.entity_id)).toContain(created.splitEntityId);
    expect(changed.every((l) => l.entity_id === alice || l.entity_id === created.splitEntityId)).toBe(true);
  });

  it('answers a retry with the same key and body with the first response, and refuses the key for another body', async () => {
    const key = newKey();
    const body = { record: { source: 'product', sourceId: 'ws_1' }, entity: { kind: 'account', id: acme }, note: 'the agency workspace' };
    const first = await flag(tokens.agent, body, key);
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const again = await flag(tokens.agent, { note: 'the agency workspace', entity: { id: acme, kind: 'account' }, record: { sourceId: 'ws_1', source: 'product' } }, key);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(firstBody);
    const other = await flag(tokens.agent, { ...body, note: 'something else' }, key);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(Problem.parse(await other.json()).code).toBe('idempotency_key_reused');
    expect((await flag(tokens.agent, body, null)).status).toBe(400);
    const undone = await call(`/v1/flags/${(firstBody as Flag).id}/undo`, { method: 'POST', token: tokens.agent });
    expect(undone.status).toBe(200);
  });

  it('answers 404 for an unknown record, an unknown entity, and a record of another entity, changing nothing', async () => {
    const before = await identitySnapshot(t.store.db);
    const cases = [
      [{ record: { source: 'helpdesk', sourceId: '424242' }, entity: { kind: 'person', id: alice } }, 'unknown_record'],
      [{ record: { source: 'crm', sourceId: SF.ALICE }, entity: { kind: 'person', id: 'per_0000000000000000' } }, 'unknown_entity'],
      [{ record: { source: 'crm', sourceId: SF.BOB }, entity: { kind: 'person', id: alice } }, 'not_a_member'],
      [{ record: { source: 'crm', sourceId: SF.ALICE }, entity: { kind: 'account', id: alice } }, 'unknown_entity'],
    ] as const;
    for (const [body, code] of cases) {
      const res = await flag(tokens.agent, body);
      expect(res.status, code).toBe(404);
      expect(Problem.parse(await res.json()).code).toBe(code);
    }
    expect(await identitySnapshot(t.store.db)).toEqual(before);
  });

  it('gives concurrent flags of the same record exactly one split', async () => {
    const body = { record: { source: 'helpdesk', sourceId: '501' }, entity: { kind: 'account', id: acme } };
    const responses = await Promise.all(Array.from({ length: 5 }, () => flag(tokens.exec, body)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const flags = await Promise.all(responses.map(async (r) => Flag.parse(await r.json())));
    expect(new Set(flags.map((f) => f.id)).size).toBe(1);
    const listed = FlagList.parse(await (await call(`/v1/flags?entity=${acme}&status=applied`, { token: tokens.agent })).json());
    expect(listed.flags.filter((f) => f.record.sourceId === '501')).toHaveLength(1);
    expect((await lookup('zendesk_ticket_id', '101')).account?.id).toBe(flags[0]!.splitEntityId);
  });

  it('lets only the flagger, a cs_rep or an admin undo, and the undo gives back exactly the links from before the flag', async () => {
    const listed = FlagList.parse(await (await call(`/v1/flags?entity=${acme}&status=applied`, { token: tokens.agent })).json());
    const workspaceFlag = listed.flags.find((f) => f.record.sourceId === '501')!;
    expect((await call(`/v1/flags/${workspaceFlag.id}/undo`, { method: 'POST', token: tokens.agent })).status).toBe(403);
    expect((await call(`/v1/flags/${workspaceFlag.id}/undo`, { method: 'POST', token: tokens.rep })).status).toBe(200);

    // Links written before this version of the rebuild carry PostgreSQL's microseconds: an undo keeps them.
    await t.store.db.updateTable('entity_links').set({ decided_at: '2026-01-02 03:04:05.678901+00' }).where('entity_id', '=', alice).execute();
    const before = await identitySnapshot(t.store.db);
    const key = newKey();
    const res = await flag(tokens.otherAgent, { record: { source: 'product', sourceId: 'u_1' }, entity: { kind: 'person', id: alice } }, key);
    expect(res.status).toBe(201);
    const created = Flag.parse(await res.json());
    expect(await identitySnapshot(t.store.db)).not.toEqual(before);
    for (const token of [tokens.agent, tokens.exec]) {
      const refused = await call(`/v1/flags/${created.id}/undo`, { method: 'POST', token });
      expect(refused.status).toBe(403);
      expect(Problem.parse(await refused.json()).code).toBe('forbidden');
    }
    const undone = await call(`/v1/flags/${created.id}/undo`, { method: 'POST', token: tokens.otherAgent });
    expect(undone.status).toBe(200);
    expect(Flag.parse(await undone.json())).toMatchObject({ status: 'undone', id: created.id });
    expect(await identitySnapshot(t.store.db)).toEqual(before);

    const twice = await call(`/v1/flags/${created.id}/undo`, { method: 'POST', token: tokens.otherAgent });
    expect(twice.status).toBe(409);
    expect(Problem.parse(await twice.json()).code).toBe('already_undone');
    expect((await call('/v1/flags/flg_nope/undo', { method: 'POST', token: tokens.admin })).status).toBe(404);
  });

  it('queues a review item with the impact; only cs_rep and admin decide, once', async () => {
    const res = await flag(tokens.agent, { record: { source: 'crm', sourceId: SF.ACME }, entity: { kind: 'account', id: acme } });
    const created = Flag.parse(await res.json());
    const queue = ReviewQueue.parse(await (await call('/v1/review', { token: tokens.agent })).json());
    const item = queue.items.find((i) => i.flagId === created.id)!;
    expect(item).toMatchObject({ kind: 'flag', status: 'open', entity: { kind: 'account', id: acme }, evidence: { rule: 'shared_system_id', score: 1 } });
    expect(item.records[0]).toEqual({ source: 'crm', sourceId: SF.ACME, label: 'Salesforce account' });
    // The CRM record carried the name, owner and segment; an agent may not see the segment.
    expect(item.impact?.properties.map((p) => [p.key, p.before])).toEqual([
      ['name', 'Acme Corp'],
      ['owner', 'Dana Owner'],
    ]);
    const asRep = ReviewQueue.parse(await (await call('/v1/review', { token: tokens.rep })).json()).items.find((i) => i.id === item.id)!;
    expect(asRep.impact?.properties.map((p) => p.key)).toEqual(['name', 'owner', 'segment']);

    for (const token of [tokens.agent, tokens.exec]) {
      expect((await call(`/v1/review/${item.id}/decision`, { method: 'POST', token, body: { decision: 'confirm' } })).status).toBe(403);
    }
    expect((await call(`/v1/review/${item.id}/decision`, { method: 'POST', token: tokens.rep, body: { decision: 'merge' } })).status).toBe(422);
    const decided = await call(`/v1/review/${item.id}/decision`, { method: 'POST', token: tokens.rep, body: { decision: 'confirm', note: 'right call' } });
    expect(decided.status).toBe(200);
    expect(ReviewItem.parse(await decided.json()).decision).toMatchObject({ decision: 'confirm', decidedBy: 'Rita Rep', note: 'right call' });
    const again = await call(`/v1/review/${item.id}/decision`, { method: 'POST', token: tokens.admin, body: { decision: 'restore' } });
    expect(again.status).toBe(409);
    expect(Problem.parse(await again.json()).code).toBe('already_decided');
    expect(ReviewQueue.parse(await (await call('/v1/review', { token: tokens.rep })).json()).items.map((i) => i.id)).not.toContain(item.id);
    expect(ReviewQueue.parse(await (await call('/v1/review?status=all', { token: tokens.rep })).json()).items.map((i) => i.id)).toContain(item.id);
    const audit = await t.store.db.selectFrom('audit_log').select(['actor', 'action']).where('subject', '=', item.id).execute();
    expect(audit).toEqual([{ actor: 'Rita Rep', action: 'review.decide' }]);
  });

  it('restores a flag from its review item', async () => {
    const before = await identitySnapshot(t.store.db);
    const created = Flag.parse(await (await flag(tokens.agent, { record: { source: 'product', sourceId: 'u_1' }, entity: { kind: 'person', id: alice } })).json());
    const restored = await call(`/v1/review/${created.reviewItemId}/decision`, { method: 'POST', token: tokens.admin, body: { decision: 'restore' } });
    expect(restored.status).toBe(200);
    expect(ReviewItem.parse(await restored.json()).decision?.decision).toBe('restore');
    expect(await identitySnapshot(t.store.db)).toEqual(before);
    const listed = FlagList.parse(await (await call(`/v1/flags?entity=${alice}`, { token: tokens.agent })).json());
    expect(listed.flags.find((f) => f.id === created.id)?.status).toBe('undone');
  });

  it('keeps flags in force through syncs and a full rebuild', async () => {
    const inForce = FlagList.parse(await (await call('/v1/flags?status=applied', { token: tokens.admin })).json()).flags;
    expect(inForce.length).toBeGreaterThanOrEqual(2);
    const before = await identitySnapshot(t.store.db);
    const historyRows = await t.store.db.selectFrom('identity_history').select('id').execute();
    for (let i = 0; i < 2; i++) await syncModels(t.store.db, config);
    expect(await identitySnapshot(t.store.db)).toEqual(before);
    // Nothing moved, so nothing was written to the history either.
    expect(await t.store.db.selectFrom('identity_history').select('id').execute()).toHaveLength(historyRows.length);
    expect((await lookup('zendesk_ticket_id', '101')).person?.id).toBe(inForce.find((f) => f.record.sourceId === '9001')!.splitEntityId);
  });

  it('tells an entity history, newest first, and its members as of a moment', async () => {
    const res = await call(`/v1/entities/${alice}/history`, { token: tokens.agent });
    expect(res.status).toBe(200);
    const history = EntityHistory.parse(await res.json());
    expect(history.members.map((m) => m.source).sort()).toEqual(['crm', 'product']);
    const ids = history.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const flagged = history.events.find((e) => e.action === 'flag' && e.record?.sourceId === '9001')!;
    expect(flagged.actor).toBe('Ada Agent');
    expect(history.events.some((e) => e.action === 'unlink' && e.record?.sourceId === '9001')).toBe(true);

    const firstLink = history.events.filter((e) => e.action === 'link').at(-1)!;
    const past = EntityHistory.parse(await (await call(`/v1/entities/${alice}/history?asOf=${encodeURIComponent(firstLink.at)}`, { token: tokens.agent })).json());
    expect(past.members.map((m) => `${m.source}|${m.sourceId}`).sort()).toEqual([`crm|${SF.ALICE}`, 'helpdesk|9001', 'product|u_1']);
    expect(past.events.every((e) => e.at <= firstLink.at)).toBe(true);
    expect((await call('/v1/entities/per_nope/history', { token: tokens.agent })).status).toBe(404);
  });

  it('merges or keeps apart the records of an uncertain review item', async () => {
    const bob = (await lookup('salesforce_id', SF.BOB)).person!.id;
    const records = [
      { source: 'crm', sourceId: SF.BOB },
      { source: 'product', sourceId: 'u_2' },
    ];
    const evidence = { rule: 'fuzzy_name', score: 0.8, explanation: 'similar names' };
    const first = await openUncertainReview(t.store.db, config, { entityKind: 'person', entityId: bob, records, evidence });
    const merged = await call(`/v1/review/${first}/decision`, { method: 'POST', token: tokens.rep, body: { decision: 'merge' } });
    expect(merged.status).toBe(200);
    const bobNow = await lookup('salesforce_id', SF.BOB);
    expect(bobNow.matches.filter((m) => m.entity.kind === 'person').map((m) => [m.source, m.rule])).toEqual([
      ['crm', 'manual_merge'],
      ['product', 'manual_merge'],
    ]);
    await syncModels(t.store.db, config);
    expect((await lookup('salesforce_id', SF.BOB)).person?.id).toBe(bobNow.person?.id);

    const second = await openUncertainReview(t.store.db, config, { entityKind: 'person', entityId: bobNow.person!.id, records, evidence });
    expect((await call(`/v1/review/${second}/decision`, { method: 'POST', token: tokens.rep, body: { decision: 'confirm' } })).status).toBe(422);
    expect((await call(`/v1/review/${second}/decision`, { method: 'POST', token: tokens.rep, body: { decision: 'reject' } })).status).toBe(200);
    const apart = await lookup('salesforce_id', SF.BOB);
    expect(apart.matches.filter((m) => m.entity.kind === 'person').map((m) => m.source)).toEqual(['crm']);
    expect(apart.person?.id).toBe(bob);
  });
});
