import { describe, expect, it } from 'vitest';
import { resolveExact, type IdentityRecord } from '../../server/identity/resolve-exact.ts';
import { pickValue } from '../../server/identity/survivorship.ts';

let next = 1;
const person = (source: string, sourceId: string, email: string | null, sameAs: IdentityRecord['sameAs'] = []): IdentityRecord => ({
  recordId: next++,
  entityKind: 'person',
  source,
  sourceId,
  matchKey: sourceId,
  email,
  sameAs,
});

describe('resolveExact', () => {
  it('links people by exact normalised email and explains why', () => {
    const links = resolveExact([person('crm', 'c1', ' Alice@Acme.com'), person('product', 'u1', 'alice@acme.com'), person('zendesk', 'z1', 'bob@acme.com')]);
    expect(links[0]!.entityId).toBe(links[1]!.entityId);
    expect(links[2]!.entityId).not.toBe(links[0]!.entityId);
    expect(links[0]).toMatchObject({ rule: 'exact_email', explanation: 'same email alice@acme.com as product record u1' });
    expect(links[2]).toMatchObject({ rule: 'single_record' });
  });

  it('links through a shared system id stored on another record', () => {
    const links = resolveExact([person('crm', 'c1', null, [{ source: 'zendesk', key: '77', column: 'zendesk_user_id' }]), person('zendesk', '77', 'x@y.io')]);
    expect(links[0]!.entityId).toBe(links[1]!.entityId);
    expect(links[1]).toMatchObject({ rule: 'shared_system_id', explanation: "crm record c1 stores this record's id in zendesk_user_id" });
  });

  it.each(['noreply@acme.com', 'no-reply@acme.com', 'test@acme.com', 'support@acme.com'])('never links on the mailbox address %s', (email) => {
    const links = resolveExact([person('crm', 'c1', email), person('product', 'u1', email)]);
    expect(links[0]!.entityId).not.toBe(links[1]!.entityId);
  });

  it('gives the same entity ids whatever the record order', () => {
    const records = [person('crm', 'c1', 'a@a.io'), person('product', 'u1', 'a@a.io'), person('zendesk', 'z9', 'b@b.io')];
    const forward = resolveExact(records).map((l) => [l.recordId, l.entityId]);
    const backward = resolveExact([...records].reverse()).map((l) => [l.recordId, l.entityId]);
    expect(new Map(backward as [number, string][])).toEqual(new Map(forward as [number, string][]));
  });
});

describe('pickValue (survivorship)', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['the first system in priority wins', ['billing', 'crm'], 'Pro (billing)'],
    ['then the most recent within a system', ['crm', 'billing'], 'Starter (crm, newer)'],
  ])('%s', (_name, priority, expected) => {
    const winner = pickValue(
      [
        { value: 'Starter (crm, older)', system: 'crm', observedAt: at('2024-01-01') },
        { value: 'Starter (crm, newer)', system: 'crm', observedAt: at('2024-03-01') },
        { value: 'Pro (billing)', system: 'billing', observedAt: at('2023-01-01') },
        { value: '', system: 'product', observedAt: at('2025-01-01') },
      ],
      priority,
    );
    expect(winner?.value).toBe(expected);
  });

  it('skips empty values and returns null when nothing has one', () => {
    expect(pickValue([{ value: null, system: 'crm', observedAt: at('2024-01-01') }], ['crm'])).toBeNull();
  });
});
