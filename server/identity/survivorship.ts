export interface Candidate<T = unknown> {
  value: T;
  system: string;
  observedAt: Date;
}

const isPresent = (value: unknown) => value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '');

/**
 * Survivorship for one field: the first system in `priority` that has a value wins; within a system, or
 * among systems the priority does not name, the most recently observed value wins.
 */
export function pickValue<C extends Candidate>(candidates: readonly C[], priority: readonly string[]): C | null {
  let best: C | null = null;
  let bestRank = Infinity;
  for (const candidate of candidates) {
    if (!isPresent(candidate.value)) continue;
    const index = priority.indexOf(candidate.system);
    const rank = index === -1 ? priority.length : index;
    if (rank < bestRank || (rank === bestRank && best && candidate.observedAt > best.observedAt)) {
      best = candidate;
      bestRank = rank;
    }
  }
  return best;
}
