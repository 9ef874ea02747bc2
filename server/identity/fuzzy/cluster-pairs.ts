import { ConstrainedUnionFind } from '../constrained-union-find.ts';

/**
 * Clusters from scored pairs: pairs at or above the threshold are joined, strongest first, into connected
 * components — except a join that would put two records of a must-not-link pair into one cluster, which is
 * refused (and reported). Strongest first means a weak chain cannot block a strong link it conflicts with.
 */
export interface ScoredPairs {
  left: Int32Array;
  right: Int32Array;
  score: Float64Array;
}

export interface Clusters {
  /** Cluster of each record: the smallest record index in it, so ids are stable whatever the pair order. */
  clusterOf: Int32Array;
  joined: number;
  refused: { left: number; right: number; score: number }[];
}

export function clusterPairs(recordCount: number, pairs: ScoredPairs, threshold: number, mustNotLink: readonly (readonly [number, number])[] = []): Clusters {
  const sets = new ConstrainedUnionFind(recordCount, mustNotLink);
  const order: number[] = [];
  for (let p = 0; p < pairs.left.length; p++) if (pairs.score[p]! >= threshold) order.push(p);
  order.sort((x, y) => pairs.score[y]! - pairs.score[x]! || x - y);

  let joined = 0;
  const refused: Clusters['refused'] = [];
  for (const p of order) {
    const outcome = sets.union(pairs.left[p]!, pairs.right[p]!);
    if (outcome === 'joined') joined++;
    else if (outcome === 'blocked') refused.push({ left: pairs.left[p]!, right: pairs.right[p]!, score: pairs.score[p]! });
  }
  const smallest = new Int32Array(recordCount).fill(-1);
  const clusterOf = new Int32Array(recordCount);
  for (let r = 0; r < recordCount; r++) {
    const root = sets.find(r);
    if (smallest[root] === -1) smallest[root] = r;
    clusterOf[r] = smallest[root]!;
  }
  return { clusterOf, joined, refused };
}
