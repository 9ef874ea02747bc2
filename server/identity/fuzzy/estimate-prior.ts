/**
 * P(two random records match), from the candidate pairs' evidence alone: the expected number of matches
 * among candidates (each pair's posterior) over all possible pairs, iterated to a fixed point. Blocking is
 * assumed to keep (nearly) every true match, so this slightly underestimates when it does not.
 * Evidence is binned at 1/100 bit so an iteration costs the bins, not the pairs.
 */
export function estimatePrior(evidence: Float64Array, totalPairs: number): number {
  if (evidence.length === 0 || totalPairs <= 0) return 1e-9;
  const binsPerBit = 100;
  let min = Infinity;
  let max = -Infinity;
  for (const e of evidence) {
    if (e < min) min = e;
    if (e > max) max = e;
  }
  const bins = new Float64Array(Math.floor((max - min) * binsPerBit) + 1);
  for (const e of evidence) bins[Math.floor((e - min) * binsPerBit)]!++;
  const centres = Float64Array.from(bins, (_, i) => 2 ** (min + (i + 0.5) / binsPerBit));
  // Start from "every candidate is a match": the iteration then falls monotonically to the fixed point.
  let prior = Math.min(0.5, evidence.length / totalPairs);
  for (let i = 0; i < 200; i++) {
    const odds = prior / (1 - prior);
    let expected = 0;
    for (let b = 0; b < bins.length; b++) {
      if (bins[b] === 0) continue;
      const o = odds * centres[b]!;
      expected += (bins[b]! * o) / (1 + o);
    }
    const next = Math.max(expected / totalPairs, 1e-12);
    if (Math.abs(next - prior) <= prior * 1e-6) return next;
    prior = next;
  }
  return prior;
}
