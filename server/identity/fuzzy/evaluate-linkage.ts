import { clusterPairs } from './cluster-pairs.ts';
import { closeTruth, pairKey, pairMetrics, type PairMetrics } from './pair-metrics.ts';
import type { LinkageRun } from './link-records.ts';
import { priorBits } from './linkage-model.ts';
import type { RecordSet } from './record-set.ts';

/**
 * A run scored against a truth file. By default predicted links are the candidate pairs whose match
 * probability is at or above the threshold — pairwise, as Splink's truth-space tables count them. With
 * `by: 'clusters'` they are every pair inside the clusters those links form (what entities will hold: a
 * chain a–b, b–c also links a–c). Blocking recall says how many true pairs were compared at all.
 */
export interface LinkageEvaluation extends PairMetrics {
  blockingRecall: number;
}

/** Record index of each truth id; when linking, left ids in the left file and right ids in the right one. */
export function truthIndexes(records: RecordSet, pairs: readonly (readonly [string, string])[]): [number, number][] {
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  const split = records.leftCount ?? records.ids.length;
  records.ids.forEach((id, i) => (i < split ? left : right).set(id, i));
  const other = records.leftCount === null ? left : right;
  const out: [number, number][] = [];
  for (const [a, b] of pairs) {
    const i = left.get(a);
    const j = other.get(b);
    if (i === undefined || j === undefined) throw new Error(`truth pair ${a},${b} names a record that is not in the ${i === undefined ? 'left' : 'right'} file`);
    out.push([i, j]);
  }
  return out;
}

export function evaluateLinkage(
  run: LinkageRun,
  records: RecordSet,
  truth: readonly (readonly [number, number])[],
  threshold: number,
  by: 'pairs' | 'clusters' = 'pairs',
): LinkageEvaluation {
  const n = records.ids.length;
  const truePairs = closeTruth(n, truth, records.leftCount);
  // Compare in weights (bits): the same cut as the probability, without 2^-w underflow at the extremes.
  const cut = threshold >= 1 ? Infinity : threshold <= 0 ? -Infinity : priorBits(threshold);
  const { left, right, count } = run.candidates;
  const predicted: number[] = [];
  let blocked = 0;
  for (let p = 0; p < count; p++) {
    const key = pairKey(left[p]!, right[p]!, n);
    if (truePairs.has(key)) blocked++;
    if (run.weights[p]! >= cut) predicted.push(key);
  }
  const blockingRecall = truePairs.size === 0 ? 1 : blocked / truePairs.size;
  if (by === 'pairs') return { ...pairMetrics(predicted, truePairs), blockingRecall };
  const { clusterOf } = clusterPairs(n, { left, right, score: run.weights }, cut);
  const members = new Map<number, number[]>();
  clusterOf.forEach((c, r) => {
    const list = members.get(c);
    if (list) list.push(r);
    else members.set(c, [r]);
  });
  const inClusters: number[] = [];
  for (const list of members.values())
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        if (records.leftCount === null || (a < records.leftCount) !== (b < records.leftCount)) inClusters.push(pairKey(a, b, n));
      }
  return { ...pairMetrics(inClusters, truePairs), blockingRecall };
}
