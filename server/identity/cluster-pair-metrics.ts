import type { PairMetrics } from './fuzzy/pair-metrics.ts';

/**
 * Pairwise precision and recall of a clustering against true clusters, counted from the contingency table
 * (pairs of records that share a predicted and a true cluster) instead of listing pairs: a million records in
 * a few large entities would be billions of pairs. Each record carries its predicted and its true cluster.
 */
export function clusterPairMetrics(records: Iterable<{ predicted: string; truth: string }>): PairMetrics {
  const predicted = new Map<string, number>();
  const truth = new Map<string, number>();
  const both = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const r of records) {
    bump(predicted, r.predicted);
    bump(truth, r.truth);
    // A NUL cannot occur in either label, so the joined key is unambiguous.
    bump(both, `${r.predicted}\u0000${r.truth}`);
  }
  const pairs = (sizes: Map<string, number>) => {
    let total = 0;
    for (const n of sizes.values()) total += (n * (n - 1)) / 2;
    return total;
  };
  const count = pairs(predicted);
  const truePairs = pairs(truth);
  const tp = pairs(both);
  const precision = count === 0 ? (truePairs === 0 ? 1 : 0) : tp / count;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, predicted: count, truePairs };
}
