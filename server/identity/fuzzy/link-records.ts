import { blockPairs, type CandidatePairs } from './block-pairs.ts';
import { blockingKeys, type RuleKeys } from './blocking-keys.ts';
import { comparePairs } from './compare-pairs.ts';
import { compileComparison, type CompiledComparison } from './compile-comparison.ts';
import { defaultM } from './default-m.ts';
import { dropPairsWithin } from './drop-pairs-within.ts';
import { combineEstimates, estimateMByEm } from './estimate-m-em.ts';
import { estimateMFromLabels } from './estimate-m-from-labels.ts';
import { estimatePrior } from './estimate-prior.ts';
import { estimateU } from './estimate-u.ts';
import { priorBits, type LinkageModel } from './linkage-model.ts';
import type { LinkageRules } from './linkage-spec.ts';
import { normaliserFor, planLinkage, type LinkagePlan } from './plan-linkage.ts';
import { columnCache, type PreparedColumn } from './prepare-column.ts';
import { totalPairs, type RecordSet } from './record-set.ts';
import { evidenceBits } from './score-pairs.ts';
import { stageTimer } from './stage-timer.ts';

/**
 * The whole probabilistic run on records in memory: plan, block, compare, estimate u (random pairs) and m
 * (EM per blocking rule, or labelled matches), estimate the prior, weigh every candidate pair.
 */
export interface LinkageOptions {
  rules?: LinkageRules;
  /** Known matching record pairs: m is then counted from them instead of estimated by EM. */
  labelledMatches?: readonly (readonly [number, number])[];
  /** A group per record (an entity formed by other means): pairs within a group are not compared. */
  groupOf?: Int32Array;
  /** Random pairs for u (default 1e6; all pairs when there are fewer). */
  uSamplePairs?: number;
  onProgress?: (stage: string, detail?: string) => void;
}

export interface TrainingSession {
  rule: number;
  pairs: number;
  lambda: number;
  iterations: number;
}

export interface LinkageRun {
  plan: LinkagePlan;
  comparisons: CompiledComparison[];
  ruleKeys: RuleKeys[];
  candidates: CandidatePairs;
  gamma: Uint8Array;
  model: LinkageModel;
  sessions: TrainingSession[];
  /** Match weight of each candidate pair in bits (prior included): probability = 1 / (1 + 2^-weight). */
  weights: Float64Array;
  timings: Record<string, number>;
}

/** Pairs (indexes into the candidates) for which a rule's keys agree in a block it did not skip. */
function pairsOfRule(candidates: CandidatePairs, keys: RuleKeys, r: number): Int32Array {
  const out: number[] = [];
  const skipped = candidates.skippedKeys[r]!;
  for (let p = 0; p < candidates.count; p++) {
    const k = keys.keys[candidates.left[p]!]!;
    if (k >= 0 && k === keys.keys[candidates.right[p]!] && skipped[k] === 0) out.push(p);
  }
  return Int32Array.from(out);
}

export function linkRecords(records: RecordSet, options: LinkageOptions = {}): LinkageRun {
  const { timings, lap } = stageTimer();
  const progress = options.onProgress ?? (() => {});
  const prepared = columnCache(records.columns);

  progress('planning');
  const plan = planLinkage(records, options.rules ?? {}, prepared);
  const columnOf = (name: string): PreparedColumn => prepared(name, normaliserFor(plan.comparisons, plan.kinds, name));
  const comparisons = plan.comparisons.map((spec) => compileComparison(spec, prepared(spec.column, spec.normalise)));
  lap('plan');

  progress('blocking');
  const ruleKeys = plan.blocking.map((rule) => blockingKeys(rule, columnOf));
  const blocked = blockPairs(ruleKeys, records.leftCount, plan.maxBlockSize);
  const candidates = options.groupOf ? dropPairsWithin(blocked, options.groupOf) : blocked;
  lap('block');

  const K = comparisons.length;
  const gamma = comparePairs(comparisons, candidates.left, candidates.right, (done) =>
    progress('comparing', `${Math.round((100 * done) / Math.max(1, candidates.count * K))}% of ${candidates.count} pairs`),
  );
  lap('compare');

  progress('estimating u from random pairs');
  const { u } = estimateU(comparisons, records.ids.length, records.leftCount, options.uSamplePairs ?? 1_000_000);
  lap('estimate_u');

  const levelCounts = comparisons.map((c) => c.levelCount);
  const sessions: TrainingSession[] = [];
  let m: Float64Array[];
  if (options.labelledMatches && options.labelledMatches.length > 0) {
    progress('counting m from labelled matches');
    const left = Int32Array.from(options.labelledMatches, ([a]) => a);
    const right = Int32Array.from(options.labelledMatches, ([, b]) => b);
    m = estimateMFromLabels(comparePairs(comparisons, left, right), K, levelCounts);
  } else {
    progress('estimating m by EM');
    const start = comparisons.map((c) => defaultM(c.levelCount));
    const estimates: Float64Array[][] = comparisons.map(() => []);
    ruleKeys.forEach((keys, r) => {
      const columns = new Set(keys.rule.map((p) => p.column));
      const excluded = comparisons.map((c) => columns.has(c.spec.column));
      const pairs = pairsOfRule(candidates, keys, r);
      if (pairs.length < 10 || excluded.every(Boolean)) return;
      const result = estimateMByEm({ gamma, comparisonCount: K, levelCounts, pairs, excluded, u, mStart: start });
      sessions.push({ rule: r, pairs: result.pairs, lambda: result.lambda, iterations: result.iterations });
      result.m.forEach((estimate, k) => estimate && estimates[k]!.push(estimate));
    });
    m = comparisons.map((_, k) => combineEstimates(estimates[k]!) ?? start[k]!);
  }
  lap('estimate_m');

  // The prior comes from the data either way: labels may be a sample of the matches, not all of them.
  const model: LinkageModel = { comparisons: plan.comparisons, m, u, prior: 0 };
  const evidence = evidenceBits(model, comparisons, gamma, candidates.left, candidates.right);
  model.prior = estimatePrior(evidence, totalPairs(records));
  const shift = priorBits(model.prior);
  const weights = evidence.map((e) => e + shift);
  lap('score');
  return { plan, comparisons, ruleKeys, candidates, gamma, model, sessions, weights, timings };
}
