import { describe, expect, it } from 'vitest';
import { clusterPairs, type ScoredPairs } from '../../server/identity/fuzzy/cluster-pairs.ts';

const scored = (pairs: [number, number, number][]): ScoredPairs => ({
  left: Int32Array.from(pairs, ([a]) => a),
  right: Int32Array.from(pairs, ([, b]) => b),
  score: Float64Array.from(pairs, ([, , s]) => s),
});
const groups = (clusterOf: Int32Array) => {
  const byCluster = new Map<number, number[]>();
  clusterOf.forEach((c, r) => byCluster.set(c, [...(byCluster.get(c) ?? []), r]));
  return [...byCluster.values()].filter((g) => g.length > 1);
};

describe('clusterPairs', () => {
  it.each([
    ['joins pairs above the threshold into connected components', [[0, 1, 0.99], [1, 2, 0.95], [3, 4, 0.5]], 0.9, [], [[0, 1, 2]], 0],
    ['leaves every record alone when nothing passes', [[0, 1, 0.2]], 0.9, [], [], 0],
    ['refuses a join that would put a must-not-link pair together', [[0, 1, 0.99], [1, 2, 0.95]], 0.9, [[0, 2]], [[0, 1]], 1],
    // 1-2 is stronger than 0-1, so it wins; 0 then cannot join the cluster holding 2.
    ['lets the stronger link win a conflict', [[0, 1, 0.91], [1, 2, 0.99]], 0.9, [[0, 2]], [[1, 2]], 1],
    ['checks the whole cluster, not only the two records of the pair', [[0, 1, 0.99], [2, 3, 0.98], [1, 2, 0.97]], 0.9, [[0, 3]], [[0, 1], [2, 3]], 1],
    ['keeps constraints through later merges', [[0, 1, 0.99], [2, 3, 0.98], [3, 4, 0.97], [1, 4, 0.96]], 0.9, [[1, 2]], [[0, 1], [2, 3, 4]], 1],
  ] as [string, [number, number, number][], number, [number, number][], number[][], number][])('%s', (_name, pairs, threshold, mustNotLink, expected, refused) => {
    const result = clusterPairs(6, scored(pairs), threshold, mustNotLink);
    expect(groups(result.clusterOf)).toEqual(expected);
    expect(result.refused).toHaveLength(refused);
  });

  it('names each cluster after its smallest record, whatever the pair order', () => {
    const forward = clusterPairs(4, scored([[3, 2, 0.99], [2, 1, 0.99]]), 0.9);
    const backward = clusterPairs(4, scored([[1, 2, 0.99], [2, 3, 0.99]]), 0.9);
    expect(Array.from(forward.clusterOf)).toEqual([0, 1, 1, 1]);
    expect(Array.from(backward.clusterOf)).toEqual([0, 1, 1, 1]);
  });
});
