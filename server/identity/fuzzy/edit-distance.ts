/**
 * Levenshtein distance, bounded: the comparison levels only ask "within 1?", "within 2?", so only the band of
 * cells within `max` of the diagonal is computed (cells outside it are already further than `max`), the loop
 * stops once a whole row exceeds the bound, and the answer is `max + 1` for "further". With `transpositions`
 * it is the optimal-string-alignment distance (a swapped pair of neighbours costs 1, as typists make it).
 */
let rowBefore = new Int32Array(64);
let rowPrevious = new Int32Array(64);
let rowCurrent = new Int32Array(64);

export function editDistanceWithin(a: string, b: string, max: number, transpositions = false): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  const far = max + 1;
  if (Math.abs(la - lb) > max) return far;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (rowCurrent.length <= lb + 1) {
    rowBefore = new Int32Array(lb * 2 + 2);
    rowPrevious = new Int32Array(lb * 2 + 2);
    rowCurrent = new Int32Array(lb * 2 + 2);
  }
  let before = rowBefore;
  let previous = rowPrevious;
  let current = rowCurrent;
  const band = Math.min(max, Math.max(la, lb));
  for (let j = 0; j <= lb; j++) previous[j] = j <= band ? j : far;
  for (let i = 1; i <= la; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(lb, i + band);
    current[0] = i <= band ? i : far;
    if (from > 1) current[from - 1] = far;
    let rowMin = current[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = previous[j - 1]! + (ca === cb ? 0 : 1);
      const up = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      if (up < d) d = up;
      if (left < d) d = left;
      if (transpositions && i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && before[j - 2]! + 1 < d) d = before[j - 2]! + 1;
      current[j] = d > far ? far : d;
      if (d < rowMin) rowMin = d;
    }
    if (to < lb) current[to + 1] = far;
    if (rowMin > max) return far;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  const distance = previous[lb]!;
  return distance <= max ? distance : far;
}

/** Full distance, for explanations and tests. */
export const editDistance = (a: string, b: string, transpositions = false): number => editDistanceWithin(a, b, Math.max(a.length, b.length), transpositions);
