import type { CompiledComparison } from './compile-comparison.ts';

// Explaining many pairs asks for the same table again and again: one per comparison and m.
const tables = new WeakMap<CompiledComparison, Map<number, Float64Array>>();

/**
 * Term-frequency adjustment for exact agreement: two non-matching records share a value v about as often as
 * v is common, so the exact level's u becomes p(v), the share of records holding v, and the weight is
 * log2(m_exact / p(v)). "Smith = Smith" then counts for less than "Zabriskie = Zabriskie" (Splink does the same).
 */
export function termFrequencyBits(comparison: CompiledComparison, mExact: number): Float64Array {
  let byM = tables.get(comparison);
  if (!byM) tables.set(comparison, (byM = new Map()));
  let table = byM.get(mExact);
  if (!table) {
    const { counts, nonMissing } = comparison.column;
    byM.set(mExact, (table = Float64Array.from(counts, (c) => Math.log2(mExact / (c / nonMissing)))));
  }
  return table;
}

/** True when the comparison's first level is exact and term frequencies are asked for. */
export const usesTermFrequency = (comparison: CompiledComparison): boolean => comparison.spec.termFrequency && comparison.spec.levels[0]?.kind === 'exact';
