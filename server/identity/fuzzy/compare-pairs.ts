import type { CompiledComparison } from './compile-comparison.ts';

/**
 * The comparison vector (gamma) of every pair: one level per comparison, packed row by row into one byte
 * array (pair p, comparison k at p * K + k). Level 0 means a value is missing on one side.
 */
export function comparePairs(comparisons: readonly CompiledComparison[], left: Int32Array, right: Int32Array, onProgress?: (done: number) => void): Uint8Array {
  const k = comparisons.length;
  const count = left.length;
  const gamma = new Uint8Array(count * k);
  for (let c = 0; c < k; c++) {
    const comparison = comparisons[c]!;
    const ids = comparison.column.ids;
    for (let p = 0; p < count; p++) {
      const a = ids[left[p]!]!;
      const b = ids[right[p]!]!;
      gamma[p * k + c] = a < 0 || b < 0 ? 0 : comparison.level(a, b);
      if (onProgress !== undefined && (p & 0xfffff) === 0) onProgress(c * count + p);
    }
  }
  return gamma;
}
