import { comparePairs } from './compare-pairs.ts';
import type { CompiledComparison } from './compile-comparison.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * u: how often each level holds between two records that do NOT match, measured on random pairs (almost all
 * random pairs are non-matches). The exact level's u is computed from value counts instead — the chance two
 * random records share a value, sum over values of p(v)² — because a sample sees too few coincidences of a
 * rare value to measure it. Every level gets at least a pseudo-count of 1, so no weight is infinite.
 */
export interface UEstimate {
  /** u[k][level]; index 0 (missing) unused. */
  u: Float64Array[];
  sampledPairs: number;
}

function exactCoincidence(comparison: CompiledComparison, leftCount: number | null): number {
  const ids = comparison.column.ids;
  if (leftCount === null) {
    const n = comparison.column.nonMissing;
    let same = 0;
    for (const c of comparison.column.counts) same += c * (c - 1);
    return n < 2 ? 0 : same / (n * (n - 1));
  }
  const leftCounts = new Float64Array(comparison.column.values.length);
  const rightCounts = new Float64Array(comparison.column.values.length);
  let nl = 0;
  let nr = 0;
  for (let r = 0; r < ids.length; r++) {
    const v = ids[r]!;
    if (v < 0) continue;
    if (r < leftCount) {
      leftCounts[v]!++;
      nl++;
    } else {
      rightCounts[v]!++;
      nr++;
    }
  }
  let same = 0;
  for (let v = 0; v < leftCounts.length; v++) same += leftCounts[v]! * rightCounts[v]!;
  return nl === 0 || nr === 0 ? 0 : same / (nl * nr);
}

export function estimateU(comparisons: readonly CompiledComparison[], recordCount: number, leftCount: number | null, maxPairs: number, seed = 42): UEstimate {
  const possible = leftCount === null ? (recordCount * (recordCount - 1)) / 2 : leftCount * (recordCount - leftCount);
  const { left, right } = possible <= maxPairs ? allPairs(recordCount, leftCount, possible) : randomPairs(recordCount, leftCount, maxPairs, seededRandom(seed));
  // Compared column by column, like the candidate pairs: one comparison's code and data stay hot.
  const gamma = comparePairs(comparisons, left, right);
  const K = comparisons.length;
  const u = comparisons.map((c, k) => {
    const levels = new Float64Array(c.levelCount);
    for (let p = 0; p < left.length; p++) levels[gamma[p * K + k]!]!++;
    const out = new Float64Array(c.levelCount);
    let total = 0;
    for (let l = 1; l < c.levelCount; l++) total += levels[l]! + 1;
    for (let l = 1; l < c.levelCount; l++) out[l] = (levels[l]! + 1) / total;
    if (c.spec.levels[0]?.kind === 'exact') {
      // Replace the sampled exact share by the counted one; the other levels share the rest as sampled.
      const exact = Math.max(exactCoincidence(c, leftCount), 1 / Math.max(possible, 1));
      const rest = 1 - out[1]!;
      for (let l = 2; l < c.levelCount; l++) out[l] = (out[l]! / rest) * (1 - exact);
      out[1] = exact;
    }
    return out;
  });
  return { u, sampledPairs: left.length };
}

/** Small data: every pair, no sampling noise. */
function allPairs(recordCount: number, leftCount: number | null, count: number): { left: Int32Array; right: Int32Array } {
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  let p = 0;
  for (let a = 0; a < (leftCount ?? recordCount); a++)
    for (let b = leftCount ?? a + 1; b < recordCount; b++) {
      left[p] = a;
      right[p++] = b;
    }
  return { left, right };
}

function randomPairs(recordCount: number, leftCount: number | null, count: number, random: () => number): { left: Int32Array; right: Int32Array } {
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    if (leftCount === null) {
      const a = Math.floor(random() * recordCount);
      let b = Math.floor(random() * (recordCount - 1));
      if (b >= a) b++;
      left[p] = a;
      right[p] = b;
    } else {
      left[p] = Math.floor(random() * leftCount);
      right[p] = leftCount + Math.floor(random() * (recordCount - leftCount));
    }
  }
  return { left, right };
}
