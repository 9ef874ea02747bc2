import { explainPair } from './fuzzy/explain-pair.ts';
import { probabilityOfWeight } from './fuzzy/linkage-model.ts';
import { describeProbableLink } from './describe-probable-link.ts';
import type { ProbablePair } from './link-probable.ts';
import { PROBABLE_RULES, probableColumns } from './probable-features.ts';
import type { EntityKind } from './record-keys.ts';
import type { ResolutionState } from './resolution-state.ts';
import { scoreCrossEntityPairs } from './score-cross-entity-pairs.ts';

/** Below this many records of a kind, EM has too few pairs to learn from: no probabilistic pass. */
export const MIN_PROBABLE_RECORDS = 100;

export interface ProbableStats {
  records: number;
  candidatePairs: number;
  /** Pairs at or above the auto threshold, and between the thresholds. */
  aboveAuto: number;
  betweenThresholds: number;
  timings: Record<string, number>;
}

export interface ProbableFindings {
  auto: ProbablePair[];
  review: ProbablePair[];
  stats: ProbableStats;
}

/**
 * Runs the fuzzy engine over one kind's records, comparing only records the deterministic rules left in
 * different sets: u from random pairs, m by EM on the blocked pairs, the prior from the candidates, all
 * estimated on this data (seeded, so the same data gives the same model). Returns the pairs at or above
 * each threshold, each able to explain itself from either side.
 */
export function findProbablePairs(state: ResolutionState, kind: EntityKind, thresholds: { auto: number; review: number }): ProbableFindings {
  const indexes: number[] = [];
  state.records.forEach((r, i) => r.entityKind === kind && indexes.push(i));
  const empty: ProbableFindings = { auto: [], review: [], stats: { records: indexes.length, candidatePairs: 0, aboveAuto: 0, betweenThresholds: 0, timings: {} } };
  if (indexes.length < MIN_PROBABLE_RECORDS) return empty;

  const groupOf = Int32Array.from(indexes, (i) => state.uf.find(i));
  const run = scoreCrossEntityPairs(probableColumns(state, indexes, kind), groupOf, PROBABLE_RULES[kind], {
    uSamplePairs: 300_000,
    maxLabelledPairs: 200_000,
    maxBlockSize: 1000,
  });
  const { left, right } = run;
  const count = left.length;
  const auto: ProbablePair[] = [];
  const review: ProbablePair[] = [];
  for (let p = 0; p < count; p++) {
    const score = probabilityOfWeight(run.weights[p]!);
    if (score < thresholds.review) continue;
    const [a, b] = [left[p]!, right[p]!];
    const pair: ProbablePair = {
      a: indexes[a]!,
      b: indexes[b]!,
      score,
      explain: (carrier) => {
        const [self, other] = carrier === indexes[a] ? [a, b] : [b, a];
        return describeProbableLink(score, state.records[indexes[other]!]!, explainPair(run.model, run.comparisons, self, other));
      },
    };
    (score >= thresholds.auto ? auto : review).push(pair);
  }
  return { auto, review, stats: { records: indexes.length, candidatePairs: count, aboveAuto: auto.length, betweenThresholds: review.length, timings: run.timings } };
}
