/**
 * Starting (and fall-back) m for a comparison: most true matches agree exactly, fewer at each fuzzier level,
 * a few not at all. EM moves away from it; a comparison no training session could estimate keeps it.
 */
export function defaultM(levelCount: number): Float64Array {
  const m = new Float64Array(levelCount);
  const fuzzy = levelCount - 3; // levels between "exact" and "all other"
  m[1] = fuzzy > 0 ? 0.8 : 0.9;
  let share = 0.15;
  for (let l = 2; l < levelCount - 1; l++) {
    share /= 2;
    m[l] = l === levelCount - 2 ? share * 2 : share;
  }
  m[levelCount - 1] = fuzzy > 0 ? 0.05 : 0.1;
  const total = m.reduce((a, b) => a + b, 0);
  return m.map((x) => x / total);
}
