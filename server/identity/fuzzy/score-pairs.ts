import type { CompiledComparison } from './compile-comparison.ts';
import { levelBits, type LinkageModel } from './linkage-model.ts';
import { termFrequencyBits, usesTermFrequency } from './term-frequency-bits.ts';

/**
 * Evidence of each pair in bits: the sum over comparisons of log2(m/u) at the pair's level, with exact
 * agreement weighed by term frequency where asked. Add the prior's bits to get the match weight.
 */
export function evidenceBits(model: LinkageModel, comparisons: readonly CompiledComparison[], gamma: Uint8Array, left: Int32Array, right: Int32Array): Float64Array {
  const K = comparisons.length;
  const bits = comparisons.map((_, k) => levelBits(model, k));
  const tf = comparisons.map((c, k) => (usesTermFrequency(c) ? termFrequencyBits(c, model.m[k]![1]!) : null));
  const out = new Float64Array(left.length);
  for (let p = 0; p < left.length; p++) {
    let sum = 0;
    const base = p * K;
    for (let k = 0; k < K; k++) {
      const level = gamma[base + k]!;
      const table = tf[k] ?? null;
      sum += level === 1 && table !== null ? table[comparisons[k]!.column.ids[left[p]!]!]! : bits[k]![level]!;
    }
    out[p] = sum;
  }
  return out;
}
