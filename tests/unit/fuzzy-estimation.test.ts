import { describe, expect, it } from 'vitest';
import { compileComparison } from '../../server/identity/fuzzy/compile-comparison.ts';
import { evaluateLinkage, truthIndexes } from '../../server/identity/fuzzy/evaluate-linkage.ts';
import { combineEstimates, estimateMByEm } from '../../server/identity/fuzzy/estimate-m-em.ts';
import { estimateMFromLabels } from '../../server/identity/fuzzy/estimate-m-from-labels.ts';
import { estimatePrior } from '../../server/identity/fuzzy/estimate-prior.ts';
import { explainPair } from '../../server/identity/fuzzy/explain-pair.ts';
import { linkRecords } from '../../server/identity/fuzzy/link-records.ts';
import type { LinkageModel } from '../../server/identity/fuzzy/linkage-model.ts';
import type { ComparisonSpec } from '../../server/identity/fuzzy/linkage-spec.ts';
import { prepareColumn } from '../../server/identity/fuzzy/prepare-column.ts';
import type { RecordSet } from '../../server/identity/fuzzy/record-set.ts';
import { seededRandom } from '../../server/identity/fuzzy/seeded-random.ts';
import { syntheticPeople } from '../../server/identity/fuzzy/synthetic-people.ts';

function recordsOf(people: ReturnType<typeof syntheticPeople>): RecordSet {
  const columns = new Map(people.header.slice(1).map((h, i) => [h, people.rows.map((r) => r[i + 1] ?? null)] as const));
  return { ids: people.rows.map((r) => r[0]!), leftCount: null, columns };
}

describe('unsupervised Fellegi–Sunter on people with typos', () => {
  const people = syntheticPeople({ people: 1200, seed: 5 });
  const records = recordsOf(people);
  const truth = truthIndexes(records, people.truth);
  // Fewer random pairs for u than the CLI's million: enough for this size, and the suite stays quick.
  const options = { uSamplePairs: 200_000 };
  const run = linkRecords(records, options);

  it('finds the duplicates with precision and recall above 0.9, no labels used', () => {
    const result = evaluateLinkage(run, records, truth, 0.9);
    expect(result.precision).toBeGreaterThan(0.9);
    expect(result.recall).toBeGreaterThan(0.9);
    expect(run.sessions.length).toBeGreaterThan(0);
    // The estimated prior is close to the truth: true pairs over all pairs.
    const n = records.ids.length;
    const truePrior = people.truth.length / ((n * (n - 1)) / 2);
    expect(run.model.prior).toBeGreaterThan(truePrior / 2);
    expect(run.model.prior).toBeLessThan(truePrior * 2);
  });

  it('learns that exact agreement is evidence for and disagreement against a match', () => {
    run.model.comparisons.forEach((c, k) => {
      const last = run.model.m[k]!.length - 1;
      expect(Math.log2(run.model.m[k]![1]! / run.model.u[k]![1]!), `${c.column} exact`).toBeGreaterThan(2);
      expect(Math.log2(run.model.m[k]![last]! / run.model.u[k]![last]!), `${c.column} all other`).toBeLessThan(0);
    });
  });

  it('does as well when m is counted from labelled matches instead', () => {
    const supervised = linkRecords(records, { ...options, labelledMatches: truth });
    const result = evaluateLinkage(supervised, records, truth, 0.9);
    expect(result.precision).toBeGreaterThan(0.9);
    expect(result.recall).toBeGreaterThan(0.9);
  });

  it('links two files the same way', () => {
    // Left: each person's first record; right: the others.
    const first = new Set(people.truth.map(([a]) => a).filter((id) => id.endsWith('-0')));
    const left = people.rows.filter((r) => first.has(r[0]!));
    const right = people.rows.filter((r) => !r[0]!.endsWith('-0'));
    const rows = [...left, ...right];
    const linked: RecordSet = {
      ids: rows.map((r) => r[0]!),
      leftCount: left.length,
      columns: new Map(people.header.slice(1).map((h, i) => [h, rows.map((r) => r[i + 1] ?? null)] as const)),
    };
    const pairs = people.truth.filter(([a, b]) => a.endsWith('-0') && !b.endsWith('-0'));
    const result = evaluateLinkage(linkRecords(linked, options), linked, truthIndexes(linked, pairs), 0.9);
    expect(result.precision).toBeGreaterThan(0.9);
    expect(result.recall).toBeGreaterThan(0.9);
  });
});

describe('estimateMByEm', () => {
  it('recovers m from pairs drawn from known m and u', () => {
    const random = seededRandom(1);
    const m = [0, 0.7, 0.2, 0.1];
    const u = [0, 0.01, 0.04, 0.95];
    const draw = (p: number[]) => {
      let x = random();
      for (let l = 1; l < p.length; l++) if ((x -= p[l]!) < 0) return l;
      return p.length - 1;
    };
    const K = 4;
    const count = 20_000;
    const gamma = new Uint8Array(count * K);
    for (let p = 0; p < count; p++) {
      const match = random() < 0.2;
      for (let k = 0; k < K; k++) gamma[p * K + k] = draw(match ? m : u);
    }
    const result = estimateMByEm({
      gamma,
      comparisonCount: K,
      levelCounts: [4, 4, 4, 4],
      pairs: Array.from({ length: count }, (_, i) => i),
      excluded: [false, false, false, true],
      u: Array.from({ length: K }, () => Float64Array.from(u)),
      mStart: Array.from({ length: K }, () => Float64Array.from([0, 0.34, 0.33, 0.33])),
    });
    expect(result.lambda).toBeCloseTo(0.2, 1);
    for (const k of [0, 1, 2]) for (let l = 1; l < 4; l++) expect(Math.abs(result.m[k]![l]! - m[l]!)).toBeLessThan(0.03);
    expect(result.m[3]).toBeNull();
  });

  it('combines sessions by the median per level, so one confused session is outvoted', () => {
    const combined = combineEstimates([Float64Array.from([0, 0.8, 0.2]), Float64Array.from([0, 0.82, 0.18]), Float64Array.from([0, 0.05, 0.95])])!;
    expect(combined[1]).toBeCloseTo(0.8 / (0.8 + 0.2), 6);
    expect(combineEstimates([])).toBeNull();
  });
});

describe('estimatePrior', () => {
  it('settles where expected matches among candidates over all pairs meets itself', () => {
    const evidence = Float64Array.from([...Array<number>(100).fill(30), ...Array<number>(10_000).fill(-10)]);
    expect(estimatePrior(evidence, 1_000_000)).toBeCloseTo(100 / 1_000_000, 6);
  });
});

describe('estimateMFromLabels', () => {
  it('counts levels of the labelled matches, with half a count for unseen levels', () => {
    // Two comparisons of 4 levels (0 missing, 1 exact, 2 fuzzy, 3 other); three labelled pairs.
    const gamma = Uint8Array.from([1, 1, 1, 2, 2, 0]);
    const [first, second] = estimateMFromLabels(gamma, 2, [4, 4]);
    expect(Array.from(first!)).toEqual([0, 2.5 / 4.5, 1.5 / 4.5, 0.5 / 4.5]);
    expect(Array.from(second!)).toEqual([0, 1.5 / 3.5, 1.5 / 3.5, 0.5 / 3.5]);
  });
});

describe('term-frequency adjustment', () => {
  it('weighs agreement on a common surname less than on a rare one', () => {
    const surnames = [...Array<string>(200).fill('smith'), 'zabriskie', 'zabriskie', ...Array.from({ length: 798 }, (_, i) => `name${i}`)];
    const spec: ComparisonSpec = { column: 'surname', normalise: 'text', termFrequency: true, levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.9 }] };
    const comparison = compileComparison(spec, prepareColumn('surname', surnames, 'text'));
    const model: LinkageModel = { comparisons: [spec], m: [Float64Array.from([0, 0.9, 0.05, 0.05])], u: [Float64Array.from([0, 0.04, 0.01, 0.95])], prior: 0.001 };
    const common = explainPair(model, [comparison], 0, 1).attributes[0]!;
    const rare = explainPair(model, [comparison], 200, 201).attributes[0]!;
    expect(common.level).toBe('exact match');
    expect(common.bits).toBeCloseTo(Math.log2(0.9 / 0.2), 6); // smith: 20% of records
    expect(rare.bits).toBeCloseTo(Math.log2(0.9 / 0.002), 6); // zabriskie: 0.2%
    expect(rare.bits).toBeGreaterThan(common.bits + 6);
    expect(common.note).toMatch(/term frequency: 20% of records/);
    // Without the adjustment both get the exact level's average weight.
    const plain = explainPair({ ...model, comparisons: [{ ...spec, termFrequency: false }] }, [compileComparison({ ...spec, termFrequency: false }, comparison.column)], 0, 1);
    expect(plain.attributes[0]!.bits).toBeCloseTo(Math.log2(0.9 / 0.04), 6);
  });
});
