import { describe, expect, it } from 'vitest';
import { compileBlocklist, linkableDomain, linkableEmail, linkableId } from '../../server/identity/junk-values.ts';
import type { IdentityRecord } from '../../server/identity/resolution-state.ts';
import { resolveIdentity } from '../../server/identity/resolve-identity.ts';

let next = 1;
const account = (source: string, sourceId: string, domain: string | null, extra: Partial<IdentityRecord> = {}): IdentityRecord => ({
  recordId: next++,
  entityKind: 'account',
  source,
  sourceId,
  matchKey: sourceId,
  email: null,
  sameAs: [],
  domain,
  company: source === 'crm',
  ...extra,
});
const person = (source: string, sourceId: string, email: string | null): IdentityRecord => ({
  recordId: next++,
  entityKind: 'person',
  source,
  sourceId,
  matchKey: sourceId,
  email,
  sameAs: [],
});
const entitiesOf = (records: IdentityRecord[], options: Parameters<typeof resolveIdentity>[2] = {}) => {
  const { links } = resolveIdentity(records, undefined, options);
  return links.map((l) => l.entityId);
};

describe('junk values never link', () => {
  it.each([
    ['Alice@Acme.com ', 'alice@acme.com'],
    ['noreply@acme.com', null],
    ['no-reply+bounce@acme.com', null],
    ['do-not-reply@acme.com', null],
    ['test@acme.com', null],
    ['test2@acme.com', null],
    ['support@acme.com', null],
    ['mailer-daemon@acme.com', null],
    ['null', null],
    ['unknown', null],
    ['n/a', null],
    ['', null],
    ['not an email', null],
    ['ops@acme.com', 'ops@acme.com'],
  ])('linkableEmail(%j) is %j', (raw, expected) => {
    expect(linkableEmail(raw)).toBe(expected);
  });

  it.each([
    ['https://www.Acme.com/about', 'acme.com'],
    ['acme.co.uk', 'acme.co.uk'],
    ['billing@acme.com', 'acme.com'],
    ['gmail.com', null],
    ['finance@gmail.com', null],
    ['https://outlook.com', null],
    ['web.de', null],
    ['gmx.net', null],
    ['proton.me', null],
    ['icloud.com', null],
    ['example.com', null],
    ['unknown', null],
    ['null', null],
    ['', null],
    ['localhost', null],
  ])('linkableDomain(%j) is %j', (raw, expected) => {
    expect(linkableDomain(raw)).toBe(expected);
  });

  it.each([
    ['0015g00000AbCdEAAA', true],
    ['42', true],
    ['0', false],
    ['000000', false],
    ['00000000-0000-0000-0000-000000000000', false],
    ['000000000000000AAA', false],
    ['null', false],
    ['unknown', false],
    [' ', false],
  ])('linkableId(%j) is %j', (raw, expected) => {
    expect(linkableId(raw)).toBe(expected);
  });

  it('takes extra emails and domains from the blocklist in config', () => {
    const blocklist = compileBlocklist({ emails: ['Team@Acme.com'], domains: ['https://reseller.io'] });
    expect(linkableEmail('team@acme.com', blocklist)).toBeNull();
    expect(linkableEmail('dana@acme.com', blocklist)).toBe('dana@acme.com');
    expect(linkableDomain('www.reseller.io', blocklist)).toBeNull();
    const ids = entitiesOf([person('crm', 'c1', 'team@acme.com'), person('product', 'u1', 'team@acme.com')], { blocklist });
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('does not follow an all-zero shared id', () => {
    const records = [
      account('crm', '000000000000000', null),
      account('billing', 'cus_1', null, { sameAs: [{ source: 'crm', key: '000000000000000', column: 'crm_account_id' }] }),
    ];
    const ids = entitiesOf(records);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('the verified-domain rule', () => {
  it('links accounts on a normalised domain and says so', () => {
    const records = [account('crm', 'a1', 'https://www.acme.com/'), account('billing', 'cus_1', 'acme.com'), account('zendesk', '501', 'ACME.com'), account('product', 'ws_9', 'globex.io')];
    const { links } = resolveIdentity(records);
    expect(new Set(links.slice(0, 3).map((l) => l.entityId)).size).toBe(1);
    expect(links[3]!.entityId).not.toBe(links[0]!.entityId);
    expect(links[1]).toMatchObject({ rule: 'verified_domain', score: 1, explanation: 'same domain acme.com as crm record a1' });
  });

  it.each(['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'icloud.com', 'proton.me', 'gmx.de', 'web.de'])('never links on the free-mail domain %s', (domain) => {
    const ids = entitiesOf([account('billing', 'cus_1', domain), account('billing', 'cus_2', domain)]);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('keeps a parent and its subsidiary on one domain apart and asks a person', () => {
    const records = [
      account('crm', 'parent', 'acme.com'),
      account('crm', 'emea', 'acme.com', { parentKey: 'parent' }),
      account('billing', 'cus_1', 'acme.com', { sameAs: [{ source: 'crm', key: 'emea', column: 'crm_account_id' }] }),
      account('intercom', 'ic_1', 'acme.com'),
    ];
    const { links, uncertain } = resolveIdentity(records);
    expect(links[0]!.entityId).not.toBe(links[1]!.entityId);
    expect(links[2]!.entityId).toBe(links[1]!.entityId);
    // The loose Intercom company could be either: the domain decides nothing.
    expect(links[3]!.entityId).not.toBe(links[0]!.entityId);
    expect(links[3]!.entityId).not.toBe(links[1]!.entityId);
    expect(uncertain).toEqual([
      {
        entityKind: 'account',
        a: 0,
        b: 1,
        rule: 'verified_domain',
        score: null,
        explanation: 'both use the domain acme.com, but the CRM keeps them as 2 companies; crm record emea names crm record parent as its parent',
      },
    ]);
  });

  it('keeps two CRM accounts on one domain apart even without a parent', () => {
    const { links, uncertain } = resolveIdentity([account('crm', 'a1', 'shared.io'), account('crm', 'a2', 'shared.io')]);
    expect(links[0]!.entityId).not.toBe(links[1]!.entityId);
    expect(uncertain).toHaveLength(1);
    expect(uncertain[0]!.explanation).toBe('both use the domain shared.io, but the CRM keeps them as 2 companies');
  });
});

describe('automatic links stop at maxRecordsPerEntity', () => {
  it('refuses the union that would grow an entity past the limit and reports it', () => {
    const records = Array.from({ length: 6 }, (_, i) => person('zendesk', `z${i}`, 'shared@acme.com'));
    const result = resolveIdentity(records, undefined, { maxRecordsPerEntity: 4 });
    const sizes = Map.groupBy(result.links, (l) => l.entityId);
    expect([...sizes.values()].map((s) => s.length).sort()).toEqual([2, 4]);
    expect(result.refused.counts.too_large).toBeGreaterThan(0);
    expect(result.refused.examples[0]).toMatchObject({ reason: 'too_large', rule: 'exact_email' });
  });

  it('does not limit a person merging records', () => {
    const records = Array.from({ length: 3 }, (_, i) => person('zendesk', `z${i}`, `p${i}@acme.com`));
    const decidedAt = new Date('2026-01-01');
    const result = resolveIdentity(records, {
      mustNotLink: [],
      mustLink: [{ entityKind: 'person', key: 'zendesk|z0', others: ['zendesk|z1', 'zendesk|z2'], decidedBy: 'Rita', decidedAt }],
      splitsNewestFirst: [],
    }, { maxRecordsPerEntity: 2 });
    expect(new Set(result.links.map((l) => l.entityId)).size).toBe(1);
  });
});
