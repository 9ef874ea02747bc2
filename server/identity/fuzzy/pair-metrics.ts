import { UnionFind } from '../union-find.ts';

/**
 * Precision and recall over record pairs, the way Splink and the record-linkage literature report them.
 * Truth is closed transitively (a–b and b–c make a–c true), since the truth file names entities' records.
 */
export interface PairMetrics {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  predicted: number;
  truePairs: number;
}

/** Unordered pair of record indexes as one number. */
export const pairKey = (a: number, b: number, recordCount: number): number => (a < b ? a * recordCount + b : b * recordCount + a);

/** All true pairs implied by the given ones; when linking only those across the two files count. */
export function closeTruth(recordCount: number, given: readonly (readonly [number, number])[], leftCount: number | null): Set<number> {
  const uf = new UnionFind(recordCount);
  for (const [a, b] of given) uf.union(a, b);
  const members = new Map<number, number[]>();
  for (const [a, b] of given)
    for (const r of [a, b]) {
      const root = uf.find(r);
      if (!members.has(root)) members.set(root, []);
      members.get(root)!.push(r);
    }
  const truth = new Set<number>();
  for (const list of members.values()) {
    const records = [...new Set(list)].sort((x, y) => x - y);
    for (let i = 0; i < records.length; i++)
      for (let j = i + 1; j < records.length; j++) {
        const [a, b] = [records[i]!, records[j]!];
        if (leftCount === null || (a < leftCount) !== (b < leftCount)) truth.add(pairKey(a, b, recordCount));
      }
  }
  return truth;
}

export function pairMetrics(predicted: Iterable<number>, truth: ReadonlySet<number>): PairMetrics {
  let count = 0;
  let tp = 0;
  for (const key of predicted) {
    count++;
    if (truth.has(key)) tp++;
  }
  // Predicting nothing is vacuously precise only when there was nothing to find.
  const precision = count === 0 ? (truth.size === 0 ? 1 : 0) : tp / count;
  const recall = truth.size === 0 ? 1 : tp / truth.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, predicted: count, truePairs: truth.size };
}
