/**
 * m from labelled true matches instead of EM: the share of known matches at each level, with half a pseudo
 * count per level so an unseen level is improbable, not impossible.
 */
export function estimateMFromLabels(gamma: Uint8Array, comparisonCount: number, levelCounts: readonly number[]): Float64Array[] {
  const pairs = gamma.length / comparisonCount;
  return levelCounts.map((levels, k) => {
    const counts = new Float64Array(levels).fill(0.5);
    counts[0] = 0;
    for (let p = 0; p < pairs; p++) {
      const level = gamma[p * comparisonCount + k]!;
      if (level !== 0) counts[level]!++;
    }
    const total = counts.reduce((a, b) => a + b, 0);
    return counts.map((c) => c / total);
  });
}
