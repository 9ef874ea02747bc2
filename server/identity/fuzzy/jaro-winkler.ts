/**
 * Jaro–Winkler similarity (Winkler 1990): Jaro's matching-characters-and-transpositions score, raised for a
 * common prefix of up to 4 characters. Names typed twice differ most at their ends, which the prefix bonus
 * rewards. Compares UTF-16 code units; callers normalise case and accents first.
 */
const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
/** Winkler only boosts pairs that are already alike; below this the prefix says little. */
const BOOST_THRESHOLD = 0.7;

// Reused between calls: the comparison loop runs millions of times and must not allocate.
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (matchedA.length < la) matchedA = new Uint8Array(la * 2);
  if (matchedB.length < lb) matchedB = new Uint8Array(lb * 2);
  const inA = matchedA;
  const inB = matchedB;
  inA.fill(0, 0, la);
  inB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (inB[j] === 0 && b.charCodeAt(j) === c) {
        inA[i] = 1;
        inB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (inA[i] === 0) continue;
    while (inB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - (halfTranspositions >> 1)) / m) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j < BOOST_THRESHOLD) return j;
  const limit = Math.min(MAX_PREFIX, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * PREFIX_SCALE * (1 - j);
}

const counts = new Int32Array(128);

/**
 * A cheap ceiling on jaroWinkler(a, b), from the characters the two share in any position: most pairs in
 * u-sampling are strangers, and this rules them out in O(length) instead of O(length × window).
 */
export function jaroWinklerCeiling(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return a === b ? 1 : 0;
  // Characters folded into 128 buckets: a collision can only raise the count, so the ceiling stays a ceiling.
  for (let i = 0; i < la; i++) counts[a.charCodeAt(i) & 127]!++;
  let common = 0;
  for (let j = 0; j < lb; j++) {
    const c = b.charCodeAt(j) & 127;
    if (counts[c]! > 0) {
      counts[c]!--;
      common++;
    }
  }
  for (let i = 0; i < la; i++) counts[a.charCodeAt(i) & 127] = 0;
  if (common === 0) return 0;
  const j = Math.min(1, (common / la + common / lb + 1) / 3);
  const limit = Math.min(MAX_PREFIX, la, lb);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j < BOOST_THRESHOLD ? j : j + prefix * PREFIX_SCALE * (1 - j);
}
