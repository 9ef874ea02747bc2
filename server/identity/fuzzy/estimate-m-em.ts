/**
 * m by expectation–maximisation, without labels (Fellegi–Sunter as fitted by Winkler; Splink's training
 * sessions). On the pairs of one blocking rule, each pair is a mixture of "match" (levels drawn from m) and
 * "non-match" (levels drawn from u, fixed from random pairs); EM alternates the match probability of each
 * pair and the m that best explains them. Comparisons of the rule's own columns are left out of the session:
 * those pairs agree on them by construction, which says nothing about matches.
 *
 * Pairs are first folded into distinct comparison patterns with counts, so an iteration costs the number of
 * patterns (hundreds), not pairs (millions).
 */
export interface EmResult {
  /** Estimated m per comparison; null where the comparison was left out or its m was fixed. */
  m: (Float64Array | null)[];
  /** Share of matches among the session's pairs. */
  lambda: number;
  iterations: number;
  pairs: number;
}

export interface EmInput {
  gamma: Uint8Array;
  comparisonCount: number;
  levelCounts: readonly number[];
  /** Which pairs the session uses. */
  pairs: Iterable<number>;
  excluded: readonly boolean[];
  u: readonly Float64Array[];
  mStart: readonly Float64Array[];
  /**
   * m known from elsewhere (labelled matches) per comparison: used to tell matches from non-matches, never
   * re-estimated. Anchors the session where columns depend on each other (an email built from the name).
   */
  fixed?: readonly (Float64Array | null)[];
  maxIterations?: number;
  tolerance?: number;
}

export function estimateMByEm(input: EmInput): EmResult {
  const { gamma, comparisonCount: K, levelCounts, excluded, u } = input;
  const included = [...Array(K).keys()].filter((k) => !excluded[k]);
  const patterns = new Map<number | string, { levels: Uint8Array; count: number }>();
  // Up to 13 levels of at most 16 values pack into one exact number; more take a string key.
  const packs = included.length <= 13;
  let pairCount = 0;
  for (const p of input.pairs) {
    pairCount++;
    const base = p * K;
    let key: number | string = packs ? 0 : '';
    for (const k of included) key = packs ? (key as number) * 16 + gamma[base + k]! : `${key}${gamma[base + k]},`;
    const found = patterns.get(key);
    if (found) found.count++;
    else patterns.set(key, { levels: Uint8Array.from(included, (k) => gamma[base + k]!), count: 1 });
  }
  const list = [...patterns.values()];
  const m = included.map((k) => Float64Array.from(input.fixed?.[k] ?? input.mStart[k]!));
  const learns = included.map((k) => !input.fixed?.[k]);
  const logU = list.map((pattern) => included.reduce((sum, k, i) => (pattern.levels[i]! === 0 ? sum : sum + Math.log(u[k]![pattern.levels[i]!]!)), 0));
  let lambda = 0.1;
  let iterations = 0;
  const tolerance = input.tolerance ?? 1e-5;
  const floor = 1e-9;
  if (pairCount === 0 || included.length === 0) return { m: [...Array(K)].map(() => null), lambda: 0, iterations: 0, pairs: pairCount };

  for (; iterations < (input.maxIterations ?? 100); iterations++) {
    const sums = included.map((k) => new Float64Array(levelCounts[k]!));
    let matches = 0;
    list.forEach((pattern, i) => {
      let logM = 0;
      for (let j = 0; j < included.length; j++) {
        const level = pattern.levels[j]!;
        if (level !== 0) logM += Math.log(m[j]![level]!);
      }
      const odds = Math.exp(Math.log(lambda) + logM - Math.log(1 - lambda) - logU[i]!);
      const w = Number.isFinite(odds) ? odds / (1 + odds) : 1;
      matches += w * pattern.count;
      for (let j = 0; j < included.length; j++) sums[j]![pattern.levels[j]!]! += w * pattern.count;
    });
    let change = 0;
    for (let j = 0; j < included.length; j++) {
      if (!learns[j]) continue;
      const s = sums[j]!;
      let total = 0;
      for (let l = 1; l < s.length; l++) total += s[l]!;
      if (total <= 0) continue;
      for (let l = 1; l < s.length; l++) {
        const next = Math.max(s[l]! / total, floor);
        change = Math.max(change, Math.abs(next - m[j]![l]!));
        m[j]![l] = next;
      }
    }
    const nextLambda = Math.min(1 - floor, Math.max(floor, matches / pairCount));
    change = Math.max(change, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  const out: (Float64Array | null)[] = [...Array(K)].map(() => null);
  included.forEach((k, j) => (out[k] = learns[j] ? m[j]! : null));
  return { m: out, lambda, iterations, pairs: pairCount };
}

/**
 * Sessions' estimates of one comparison's m joined by the median of each level (then rescaled to sum 1).
 * A session can settle on a wrong "match" class when a column outside its rule depends on the rule's columns
 * (an email built from the name, in a block of similar names); the median lets the others outvote it.
 */
export function combineEstimates(estimates: readonly Float64Array[]): Float64Array | null {
  if (estimates.length === 0) return null;
  const levels = estimates[0]!.length;
  const out = new Float64Array(levels);
  for (let l = 1; l < levels; l++) {
    const sorted = estimates.map((e) => e[l]!).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    out[l] = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  const total = out.reduce((a, b) => a + b, 0);
  return out.map((x) => x / total);
}
