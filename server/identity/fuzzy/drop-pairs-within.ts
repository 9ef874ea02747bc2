import type { CandidatePairs } from './block-pairs.ts';

/**
 * Candidate pairs without those whose records already share a group (an entity the deterministic rules
 * formed): comparing them would only confirm a link that exists, and would count as matches in EM that
 * the probabilistic pass never has to find. Rule counts are recomputed; skipped blocks stay as they were.
 */
export function dropPairsWithin(candidates: CandidatePairs, groupOf: Int32Array): CandidatePairs {
  const keep: number[] = [];
  for (let p = 0; p < candidates.count; p++) if (groupOf[candidates.left[p]!] !== groupOf[candidates.right[p]!]) keep.push(p);
  const pick = <T extends Int32Array | Uint8Array>(from: T, make: (n: number) => T): T => {
    const out = make(keep.length);
    keep.forEach((p, i) => (out[i] = from[p]!));
    return out;
  };
  const rule = pick(candidates.rule, (n) => new Uint8Array(n));
  const pairsPerRule = candidates.pairsPerRule.map(() => 0);
  for (const r of rule) pairsPerRule[r]!++;
  return {
    ...candidates,
    left: pick(candidates.left, (n) => new Int32Array(n)),
    right: pick(candidates.right, (n) => new Int32Array(n)),
    count: keep.length,
    rule,
    pairsPerRule,
  };
}
