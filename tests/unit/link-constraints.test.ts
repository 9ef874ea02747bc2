import { describe, expect, it } from 'vitest';
import { ConstrainedUnionFind } from '../../server/identity/constrained-union-find.ts';
import { defaultEntityId, splitEntityId } from '../../server/identity/entity-ids.ts';
import type { LinkConstraints } from '../../server/identity/link-constraints.ts';
import { resolveExact, type IdentityRecord } from '../../server/identity/resolve-exact.ts';

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
const at = new Date('2026-11-25T10:00:00Z');
const flagOf = (recordKey: string, entityId: string, members: string[], newer = 0): LinkConstraints['splitsNewestFirst'][number] => ({
  kind: 'person',
  recordKey,
  entityId,
  splitEntityId: splitEntityId('person', recordKey, entityId),
  members,
  explanation: `split out of ${entityId} by Ada`,
  decidedBy: 'Ada',
  decidedAt: new Date(at.getTime() + newer),
});
/** A flag as the store holds it: the must-not-link and the split claim. */
const flagged = (recordKey: string, entityId: string, members: string[]): LinkConstraints => ({
  mustNotLink: [{ entityKind: 'person', key: recordKey, others: members }],
  mustLink: [],
  splitsNewestFirst: [flagOf(recordKey, entityId, members)],
});
const entityOf = (links: ReturnType<typeof resolveExact>) => new Map(links.map((l) => [l.recordId, l.entityId]));

describe('ConstrainedUnionFind', () => {
  it.each([
    ['a direct pair', [[0, 1]], [[0, 1]], ['blocked']],
    ['through a third member', [[0, 2]], [[0, 1], [1, 2]], ['joined', 'blocked']],
    ['after merging constrained sets', [[0, 3]], [[0, 1], [2, 3], [1, 2]], ['joined', 'joined', 'blocked']],
    ['unrelated unions', [[0, 3]], [[0, 1], [1, 2]], ['joined', 'joined']],
  ] as const)('refuses a union that would join %s', (_name, apart, unions, expected) => {
    const uf = new ConstrainedUnionFind(4, apart as unknown as [number, number][]);
    expect(unions.map(([a, b]) => uf.union(a, b))).toEqual(expected);
  });
});

describe('resolveExact with decisions in force', () => {
  const trio = () => [person('crm', 'a1', 'x@acme.io'), person('product', 'p1', 'x@acme.io'), person('zendesk', 'z1', 'x@acme.io')];

  it('gives the same ids and links as before when nothing is decided', () => {
    const records = trio();
    expect(resolveExact(records, { mustNotLink: [], mustLink: [], splitsNewestFirst: [] })).toEqual(resolveExact(records));
  });

  it('splits the flagged record, and its former entity keeps its id although the record was its smallest key', () => {
    const records = trio();
    const before = resolveExact(records);
    const entity = before[0]!.entityId;
    expect(entity).toBe(defaultEntityId('person', 'crm|a1'));
    const after = resolveExact(records, flagged('crm|a1', entity, ['product|p1', 'zendesk|z1']));
    expect(after[1]!.entityId).toBe(entity);
    expect(after[2]!.entityId).toBe(entity);
    expect(after[0]).toMatchObject({ entityId: splitEntityId('person', 'crm|a1', entity), rule: 'split', decidedBy: 'Ada', decidedAt: at });
    // The other two still share the email and say so, although the first one seen was the flagged record.
    expect(after[2]).toMatchObject({ rule: 'exact_email', explanation: 'same email x@acme.io as product record p1' });
  });

  it('is the same whatever order the constraints and flags arrive in, for the same record order', () => {
    const records = [...trio(), person('intercom', 'i1', 'x@acme.io')];
    const entity = resolveExact(records)[0]!.entityId;
    const one = flagged('product|p1', entity, ['crm|a1', 'zendesk|z1', 'intercom|i1']);
    const two = flagged('zendesk|z1', entity, ['crm|a1', 'intercom|i1']);
    const both: LinkConstraints = {
      mustNotLink: [...one.mustNotLink, ...two.mustNotLink],
      mustLink: [],
      splitsNewestFirst: [{ ...two.splitsNewestFirst[0]!, decidedAt: new Date(at.getTime() + 1) }, ...one.splitsNewestFirst],
    };
    const links = entityOf(resolveExact(records, both));
    const reversed = entityOf(resolveExact(records, { ...both, mustNotLink: [...both.mustNotLink].reverse() }));
    expect(reversed).toEqual(links);
    expect(new Set(links.values()).size).toBe(3);
    expect(links.get(records[0]!.recordId)).toBe(entity);
    expect(links.get(records[3]!.recordId)).toBe(entity);
  });

  it('gives the entity id to the side with most of its members when the flagged record was the bridge', () => {
    // crm a1 stores the zendesk id; product p1 and p2 share the crm record's email: a1 links them all.
    const records = [
      person('crm', 'a1', 'x@acme.io', [{ source: 'zendesk', key: 'z1', column: 'zendesk_id' }]),
      person('zendesk', 'z1', null),
      person('product', 'p1', 'x@acme.io'),
      person('product', 'p2', 'x@acme.io'),
    ];
    const entity = resolveExact(records)[0]!.entityId;
    const links = entityOf(resolveExact(records, flagged('crm|a1', entity, ['zendesk|z1', 'product|p1', 'product|p2'])));
    expect(links.get(records[2]!.recordId)).toBe(entity);
    expect(links.get(records[3]!.recordId)).toBe(entity);
    expect(links.get(records[1]!.recordId)).toBe(defaultEntityId('person', 'zendesk|z1'));
  });

  it('gives a re-flagged split entity to the rest, and the record a new split id (the newest flag first)', () => {
    const records = [person('crm', 'a1', 'x@acme.io'), person('product', 'p1', 'x@acme.io'), person('zendesk', 'z1', 'y@acme.io'), person('intercom', 'i1', 'y@acme.io')];
    // z1 was split out of the x@ entity earlier; new data links it with i1; now z1 is flagged out of that entity too.
    const first = defaultEntityId('person', 'crm|a1');
    const split = splitEntityId('person', 'zendesk|z1', first);
    const constraints: LinkConstraints = {
      mustNotLink: [
        { entityKind: 'person', key: 'zendesk|z1', others: ['crm|a1', 'product|p1'] },
        { entityKind: 'person', key: 'zendesk|z1', others: ['intercom|i1'] },
      ],
      mustLink: [],
      splitsNewestFirst: [flagOf('zendesk|z1', split, ['intercom|i1'], 1), flagOf('zendesk|z1', first, ['crm|a1', 'product|p1'])],
    };
    const links = entityOf(resolveExact(records, constraints));
    expect(links.get(records[0]!.recordId)).toBe(first);
    expect(links.get(records[3]!.recordId)).toBe(split);
    expect(links.get(records[2]!.recordId)).toBe(splitEntityId('person', 'zendesk|z1', split));
  });

  it('links merged records and refuses a merge a flag forbids', () => {
    const records = [person('crm', 'a1', 'x@acme.io'), person('product', 'p1', 'other@acme.io'), person('zendesk', 'z1', null)];
    const merged = resolveExact(records, {
      mustNotLink: [{ entityKind: 'person', key: 'zendesk|z1', others: ['crm|a1'] }],
      mustLink: [{ entityKind: 'person', key: 'crm|a1', others: ['product|p1', 'zendesk|z1'], decidedBy: 'Rita', decidedAt: at }],
      splitsNewestFirst: [],
    });
    expect(merged[0]!.entityId).toBe(merged[1]!.entityId);
    expect(merged[1]).toMatchObject({ rule: 'manual_merge', decidedBy: 'Rita', explanation: 'merged with crm record a1 by Rita' });
    expect(merged[2]!.entityId).not.toBe(merged[0]!.entityId);
  });
});
