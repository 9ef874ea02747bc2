import { describe, expect, it } from 'vitest';
import { validateRow } from '../../server/models/validate-row.ts';

describe('validateRow', () => {
  it.each([
    ['accounts', { id: 1, name: 'Acme' }],
    ['accounts', { id: '001', name: 'Acme', created_at: '2021-03-01T00:00:00Z', extra: { deep: true } }],
    ['users', { id: 'u1', email: 'a@b.co' }],
    ['users', { id: 'u1', name: 'Only a name' }],
    ['memberships', { user_id: 'u1', account_id: 'w1' }],
    ['events', { user_id: 'u1', name: 'login', occurred_at: new Date(Date.now() - 1000), properties: '{"a":1}' }],
    ['subscriptions', { id: 's', account_id: 'a', plan: 'pro', status: 'active', mrr: '99.50', started_at: '2024-01-01' }],
    ['charges', { id: 'ch', account_id: 'a', amount: 10, status: 'failed', created_at: '2024-02-01' }],
    ['tickets', { id: 5, status: 'open', created_at: '2024-02-01', requester_email: 'x@y.io' }],
  ] as const)('accepts a good %s row', (kind, row) => {
    expect(validateRow(kind, row)).toMatchObject({ ok: true });
  });

  it.each([
    ['accounts', { id: '', name: 'Acme' }, 'id: id is empty'],
    ['accounts', { id: 1 }, 'name: missing'],
    ['accounts', { id: 1, name: 'A', created_at: '1970-01-01' }, 'created_at: date before 1990'],
    ['accounts', { id: 1, name: 'A', created_at: '2099-01-01' }, 'created_at: date in the future'],
    ['accounts', { id: 1, name: 'A', created_at: 'yesterday-ish' }, 'created_at: not a date'],
    ['users', { id: 'u1' }, 'email: neither email nor name'],
    ['events', { name: 'login', occurred_at: '2024-01-01' }, 'user_id: event has neither user_id nor account_id'],
    ['events', { user_id: 'u', name: 'x', occurred_at: '2024-01-01', properties: '[1,2]' }, 'properties: properties must be a JSON object'],
    ['subscriptions', { id: 's', account_id: 'a', plan: 'pro', status: 'active', mrr: -5, started_at: '2024-01-01' }, 'mrr: mrr is negative'],
    ['subscriptions', { id: 's', account_id: 'a', plan: 'pro', status: 'zombie', mrr: 5, started_at: '2024-01-01' }, 'status: Invalid option: expected one of "trialing"|"active"|"past_due"|"canceled"|"unpaid"|"paused"'],
    ['tickets', { id: 5, status: 'open' }, 'created_at: missing'],
    ['accounts', { id: 1, name: 'x'.repeat(100_001) }, 'name: value longer than 100000 characters'],
    ['accounts', { id: 1, name: 'A', created_at: '2023-02-30' }, 'created_at: not a date'],
    ['accounts', { id: 1, name: 'A', created_at: '2024-04-31T10:00:00Z' }, 'created_at: not a date'],
    ['accounts', { id: 1, name: 'A\u0000B' }, 'name: contains a NUL character (U+0000)'],
    ['accounts', { id: 1, name: 'A', extra: { deep: ['x\ud800'] } }, 'extra: contains an unpaired UTF-16 surrogate'],
  ] as const)('quarantines a bad %s row with the reason', (kind, row, reason) => {
    expect(validateRow(kind, row)).toMatchObject({ ok: false, reason });
  });
});

describe('planned dates', () => {
  const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
  it('lets a deal close and a subscription end in the future, but not absurdly far', () => {
    expect(validateRow('deals', { id: 'd', name: 'Renewal', stage: 'Proposal', close_date: inAYear })).toMatchObject({ ok: true });
    expect(validateRow('subscriptions', { id: 's', account_id: 'a', plan: 'pro', status: 'active', mrr: 5, started_at: '2024-01-01', ended_at: inAYear })).toMatchObject({ ok: true });
    expect(validateRow('deals', { id: 'd', name: 'X', stage: 'Won', close_date: '2199-01-01' })).toMatchObject({ ok: false, reason: 'close_date: date more than 20 years ahead' });
    expect(validateRow('subscriptions', { id: 's', account_id: 'a', plan: 'pro', status: 'active', mrr: 5, started_at: inAYear })).toMatchObject({ ok: false, reason: 'started_at: date in the future' });
  });
});
