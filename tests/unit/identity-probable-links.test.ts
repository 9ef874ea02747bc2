import { describe, expect, it } from 'vitest';
import { clusterPairMetrics } from '../../server/identity/cluster-pair-metrics.ts';
import { describeProbableLink, probablePartner } from '../../server/identity/describe-probable-link.ts';
import type { ProbablePair } from '../../server/identity/link-probable.ts';
import { companyName, localFromName } from '../../server/identity/probable-features.ts';
import type { IdentityRecord } from '../../server/identity/resolution-state.ts';
import { resolveIdentity } from '../../server/identity/resolve-identity.ts';
import { storedProbablePairs } from '../../server/identity/stored-probable-links.ts';

let next = 1;
const person = (source: string, sourceId: string, email: string | null): IdentityRecord => ({
  recordId: next++,
  entityKind: 'person',
  source,
  sourceId,
  matchKey: sourceId,
  email,
  sameAs: [],
});
const explanation = { priorBits: -14, weight: 6, probability: 0.98, attributes: [{ column: 'name', left: 'ada lovelace', right: 'ada lovelace', level: 'exact match', bits: 20 }] };
const pair = (records: IdentityRecord[], a: number, b: number, score: number): ProbablePair => ({
  a,
  b,
  score,
  explain: (carrier) => describeProbableLink(score, records[carrier === a ? b : a]!, explanation),
});
/** Probable pairs handed to a full run for people only. */
const withPairs = (pairs: (records: IdentityRecord[]) => ProbablePair[], records: IdentityRecord[]) =>
  resolveIdentity(records, undefined, {
    findProbable: (_state, kind) => ({
      auto: kind === 'person' ? pairs(records) : [],
      review: [],
      stats: { records: records.length, candidatePairs: 0, aboveAuto: 0, betweenThresholds: 0, timings: {} },
    }),
  });

describe('probable links', () => {
  it('puts each join on exactly one record, which names the other', () => {
    // {0,1} share an email; 2 and 3 join them by probable matches; 4 stays alone.
    const records = [person('crm', 'c1', 'ada@acme.com'), person('zendesk', 'z1', 'ada@acme.com'), person('product', 'u1', 'ada@gmail.com'), person('intercom', 'i"1', null), person('product', 'u9', 'x@y.io')];
    const { links } = withPairs((r) => [pair(r, 1, 2, 0.99), pair(r, 3, 2, 0.97)], records);
    expect(new Set(links.slice(0, 4).map((l) => l.entityId)).size).toBe(1);
    expect(links[4]!.entityId).not.toBe(links[0]!.entityId);
    expect(links.map((l) => l.rule)).toEqual(['exact_email', 'exact_email', 'probable_match', 'probable_match', 'single_record']);
    expect(links[2]).toMatchObject({ score: 0.99 });
    expect(probablePartner(links[2]!.explanation)).toEqual({ source: 'zendesk', sourceId: 'z1' });
    expect(probablePartner(links[3]!.explanation)).toEqual({ source: 'product', sourceId: 'u1' });
    expect(links[3]!.explanation).toMatch(/^probable match \(0\.9700\) with product record "u1": name "ada lovelace" vs "ada lovelace": exact match \(\+20\.0 bits\); prior −14\.0 bits$/);
  });

  it('reads stored links back, so a scoped run keeps them as they are', () => {
    const records = [person('crm', 'c1', 'ada@acme.com'), person('product', 'u1', 'ada@gmail.com'), person('intercom', 'i"1', null)];
    const full = withPairs((r) => [pair(r, 0, 1, 0.99), pair(r, 2, 1, 0.96)], records);
    const stored = new Map(full.links.filter((l) => l.rule === 'probable_match').map((l) => [l.recordId, { score: l.score, explanation: l.explanation }]));
    const scoped = resolveIdentity(records, undefined, { storedProbable: (state) => storedProbablePairs(state, stored) });
    expect(scoped.links).toEqual(full.links);
  });

  it('never links across a must-not-link, and offers no review for a pair a person kept apart', () => {
    const records = [person('crm', 'c1', 'ada@acme.com'), person('product', 'u1', 'ada@gmail.com')];
    const result = resolveIdentity(
      records,
      { mustNotLink: [{ entityKind: 'person', key: 'product|u1', others: ['crm|c1'] }], mustLink: [], splitsNewestFirst: [] },
      {
        findProbable: () => ({ auto: [pair(records, 0, 1, 0.999)], review: [], stats: { records: 2, candidatePairs: 1, aboveAuto: 1, betweenThresholds: 0, timings: {} } }),
      },
    );
    expect(result.links[0]!.entityId).not.toBe(result.links[1]!.entityId);
    expect(result.uncertain).toEqual([]);
  });
});

describe('probable features', () => {
  it.each([
    ['jane.doe', 'Jane Doe', true],
    ['jdoe', 'Jane Doe', true],
    ['doe.jane', 'Jane Doe', true],
    ['janed', 'Jane Doe', true],
    ['jane', 'Jane Doe', true],
    ['thomas.byrne', 'Tom Byrne', true],
    ['kdevries', 'Kwame De Vries', true],
    ['ops', 'Jane Doe', false],
    ['jd1984', 'Jane Doe', false],
    ['jane.doe', null, false],
  ])('localFromName(%j, %j) is %j', (local, name, expected) => {
    expect(localFromName(local, name)).toBe(expected);
  });

  it.each([
    ['Tandem Group Corp.', 'tandem group'],
    ['TANDEM GROUP (old)', 'tandem group'],
    ['Silverline Labs GmbH', 'silverline labs'],
    ['Acme, Inc.', 'acme'],
  ])('companyName(%j) is %j', (raw, expected) => {
    expect(companyName(raw)).toBe(expected);
  });
});

describe('clusterPairMetrics', () => {
  it.each([
    ['perfect', ['a', 'a', 'b'], ['x', 'x', 'y'], { precision: 1, recall: 1 }],
    ['one wrong merge', ['a', 'a', 'a'], ['x', 'x', 'y'], { precision: 1 / 3, recall: 1 }],
    ['one missed link, nothing predicted', ['a', 'b', 'c'], ['x', 'x', 'y'], { precision: 0, recall: 0 }],
    ['a three-record entity split in two', ['a', 'a', 'b'], ['x', 'x', 'x'], { precision: 1, recall: 1 / 3 }],
  ])('%s', (_name, predicted, truth, expected) => {
    const m = clusterPairMetrics(predicted.map((p, i) => ({ predicted: p, truth: truth[i]! })));
    expect(m).toMatchObject(expected);
  });
});
