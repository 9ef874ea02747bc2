import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config/load.ts';
import { erasureKeys } from '../../server/erasure/erasure-digests.ts';
import { erasureMatcher } from '../../server/erasure/erasure-matcher.ts';
import { redactActivity, scrubEmails } from '../../server/erasure/redact-row.ts';
import { namesErasedPerson, screenGoodRow } from '../../server/erasure/screen-row.ts';
import { prepareBatch } from '../../server/models/write-batch.ts';

const keys = erasureKeys('test-secret');
const at = '2026-01-05T09:00:00.000Z';

describe('redactActivity keeps what the account counts and nothing of the person', () => {
  it.each([
    ['tickets', { id: '101', requester_id: '9001', requester_email: 'a@x.io', account_id: '501', subject: 'Alice cannot log in', status: 'open', priority: 'high', created_at: at }, { account_id: '501', created_at: at, id: '101', priority: 'high', requester_id: 'T', status: 'open' }],
    ['events', { id: null, user_id: 'u_1', account_id: 'ws_1', name: 'export', occurred_at: at, properties: { to: 'a@x.io' } }, { account_id: 'ws_1', id: null, name: 'export', occurred_at: at, properties: {}, user_id: 'T' }],
    ['memberships', { user_id: 'u_1', account_id: 'ws_1', role: 'admin', created_at: at }, { account_id: 'ws_1', created_at: at, role: 'admin', user_id: 'T' }],
    ['deals', { id: '006', account_id: '001', contact_id: '003', name: 'Renewal', stage: 'Won', amount: 10, owner: 'Dana' }, { account_id: '001', amount: 10, contact_id: 'T', id: '006', name: 'Renewal', owner: 'Dana', stage: 'Won' }],
  ] as const)('%s', (kind, row, expected) => {
    const redacted = redactActivity(kind, row, 'T');
    expect(redacted).toEqual(expected);
    // Keys in one order, whatever order they came in: the digest naming a row without an id depends on it.
    expect(Object.keys(redactActivity(kind, Object.fromEntries(Object.entries(row).reverse()), 'T'))).toEqual(Object.keys(expected));
  });
});

describe('scrubEmails', () => {
  const erased = (email: string) => email.toLowerCase() === 'alice@acme.com';
  it.each([
    ['an exact value', 'alice@acme.com', '[erased]'],
    ['any case, inside text', 'Please add Alice@ACME.com as admin', 'Please add [erased] as admin'],
    ['before a full stop', 'write to alice@acme.com.', 'write to [erased].'],
    ['in a list', 'cc: bob@acme.com, alice@acme.com', 'cc: bob@acme.com, [erased]'],
    ['mailto', '<mailto:alice@acme.com>', '<mailto:[erased]>'],
    ['another address only', 'bob@acme.com', 'bob@acme.com'],
  ])('%s', (_name, text, expected) => {
    expect(scrubEmails(text, erased)).toBe(expected);
  });

  it('walks JSON and returns the same object when nothing matched', () => {
    const untouched = { a: ['bob@acme.com', { b: 1 }], when: new Date(0) };
    expect(scrubEmails(untouched, erased)).toBe(untouched);
    expect(scrubEmails({ a: [{ b: 'x alice@acme.com' }], n: 2 }, erased)).toEqual({ a: [{ b: 'x [erased]' }], n: 2 });
  });
});

describe('a sync after an erasure', () => {
  const config = parseConfig({
    sources: { crm: { type: 'csv', dir: '.', system: 'crm' }, desk: { type: 'csv', dir: '.', system: 'support', app: 'zendesk' } },
    models: [
      { name: 'contacts', kind: 'users', source: 'crm', file: 'c.csv', sameAs: [{ column: 'desk_id', source: 'desk' }] },
      { name: 'tickets', kind: 'tickets', source: 'desk', file: 't.csv' },
      { name: 'accounts', kind: 'accounts', source: 'crm', file: 'a.csv' },
    ],
  });
  const [contacts, tickets] = config.models as [(typeof config.models)[number], (typeof config.models)[number]];
  const m = erasureMatcher(keys, new Set([keys.email('alice@acme.com')!, keys.record('desk', '9001')!, keys.record('crm', '003A')!]));

  it('leaves out the person, by address or by id, in any case and with spaces', () => {
    expect(screenGoodRow(m, contacts, { id: '003Z', email: ' Alice@Acme.com ' }, { id: '003Z', email: 'Alice@Acme.com' })).toBeNull();
    expect(screenGoodRow(m, contacts, { id: '003A', email: 'new@acme.com' }, { id: '003A', email: 'new@acme.com' })).toBeNull();
    expect(screenGoodRow(m, contacts, { id: '003B', email: 'bob@acme.com' }, { id: '003B', email: 'bob@acme.com' })).toMatchObject({ redacted: false });
  });

  it("keeps the person's ticket without them, and another's ticket without their address", () => {
    const hers = { id: '7', requester_id: '9001', subject: 'help', status: 'open', account_id: '1', created_at: at };
    const kept = screenGoodRow(m, tickets, hers, hers)!;
    expect(kept.redacted).toBe(true);
    expect(kept.parsed).toMatchObject({ id: '7', requester_id: keys.tombstone('desk', '9001'), status: 'open' });
    expect(JSON.stringify(kept)).not.toContain('help');
    const bobs = { id: '8', requester_id: '9002', subject: 'add alice@acme.com please', status: 'open', created_at: at };
    expect(screenGoodRow(m, tickets, bobs, bobs)!.parsed.subject).toBe('add [erased] please');
  });

  it("drops a shared-id link to the person's record from another record", () => {
    const row = { id: '003B', email: 'bob@acme.com', desk_id: '9001' };
    expect(screenGoodRow(m, contacts, row, row)!.raw.desk_id).toBeNull();
  });

  it('keeps bad rows naming the person out of the quarantine', () => {
    expect(namesErasedPerson(m, tickets, { id: '9', requester_id: 9001, status: '' })).toBe(true);
    expect(namesErasedPerson(m, contacts, { id: '', email: 'ALICE@acme.com' })).toBe(true);
    expect(namesErasedPerson(m, tickets, { id: '9', requester_id: 9002, status: '' })).toBe(false);
  });

  it('in a batch: her rows neither stored nor quarantined, her ticket kept under its own id, a digest-named row keeps its name', () => {
    const batch = prepareBatch(
      contacts,
      'other',
      [
        { id: '003A', email: 'alice@acme.com', name: 'Alice' },
        { id: '', email: 'alice@acme.com' },
        { id: '003B', email: 'bob@acme.com', name: 'Bob', note: 'met alice@acme.com' },
      ],
      m,
    );
    expect([batch.good.length, batch.bad.length, batch.erased]).toEqual([1, 0, 2]);
    expect(batch.unique[0]!.properties.note).toBe('met [erased]');
    const plain = prepareBatch(contacts, 'other', [{ id: '003B', email: 'bob@acme.com', name: 'Bob', note: 'met alice@acme.com' }]);
    expect(batch.unique[0]!.sourceId).toBe(plain.unique[0]!.sourceId);
  });
});
