import { blockPairs } from './fuzzy/block-pairs.ts';
import { blockingKeys } from './fuzzy/blocking-keys.ts';
import { comparePairs } from './fuzzy/compare-pairs.ts';
import { compileComparison, type CompiledComparison } from './fuzzy/compile-comparison.ts';
import { defaultM } from './fuzzy/default-m.ts';
import { dropPairsWithin } from './fuzzy/drop-pairs-within.ts';
import { estimateMByEm } from './fuzzy/estimate-m-em.ts';
import { estimateMFromLabels } from './fuzzy/estimate-m-from-labels.ts';
import { estimatePrior } from './fuzzy/estimate-prior.ts';
import { estimateU } from './fuzzy/estimate-u.ts';
import { priorBits, type LinkageModel } from './fuzzy/linkage-model.ts';
import type { BlockingRule, ComparisonSpec } from './fuzzy/linkage-spec.ts';
import { columnCache, type PreparedColumn } from './fuzzy/prepare-column.ts';
import { evidenceBits } from './fuzzy/score-pairs.ts';
import { stageTimer } from './fuzzy/stage-timer.ts';

export interface CrossEntityRules {
  comparisons: ComparisonSpec[];
  blocking: BlockingRule[];
  /**
   * Columns the deterministic rules made equal inside an entity (the email, for the exact-email rule): the
   * entity's pairs say nothing about how matches differ on them, so their m is learned by EM instead.
   */
  emColumns: readonly string[];
}

export interface CrossEntityRun {
  left: Int32Array;
  right: Int32Array;
  /** Match weight in bits per candidate pair (prior included). */
  weights: Float64Array;
  model: LinkageModel;
  comparisons: CompiledComparison[];
  labelledPairs: number;
  timings: Record<string, number>;
}

const MIN_LABELLED = 20;

/**
 * Fellegi–Sunter over the pairs of records in different entities (`groupOf`: the entity each record is in
 * after the deterministic rules). The entities themselves are the labels: pairs inside them are known matches
 * (same email, a shared system id), so m of the other attributes (name, phone, account) is counted from them,
 * and m of the attributes the rules equalised is learned by EM on the candidates with the counted ones held
 * fixed — unanchored EM mistakes namesakes for matches when the email is built from the name. u comes from
 * random pairs (exact agreement from value frequencies), the prior from the candidates' evidence. Value
 * frequencies (exact u, term frequencies) count a value once per group: four records of one company do not
 * make its name look common.
 */
export function scoreCrossEntityPairs(
  columns: ReadonlyMap<string, readonly (string | null)[]>,
  groupOf: Int32Array,
  rules: CrossEntityRules,
  options: { uSamplePairs: number; maxLabelledPairs: number; maxBlockSize: number },
): CrossEntityRun {
  const { timings, lap } = stageTimer();
  const n = groupOf.length;
  const prepared = columnCache(columns);
  const comparisons = rules.comparisons.map((spec) => compileComparison(spec, countOncePerGroup(prepared(spec.column, spec.normalise), groupOf)));
  const normaliserOf = (column: string) => rules.comparisons.find((c) => c.column === column)?.normalise ?? 'text';
  lap('prepare');

  const ruleKeys = rules.blocking.map((rule) => blockingKeys(rule, (name) => prepared(name, normaliserOf(name))));
  const candidates = dropPairsWithin(blockPairs(ruleKeys, null, options.maxBlockSize), groupOf);
  const { left, right } = candidates;
  lap('block');
  const gamma = comparePairs(comparisons, left, right);
  lap('compare');
  const { u } = estimateU(comparisons, n, null, options.uSamplePairs);
  lap('estimate_u');

  const labelled = pairsWithinGroups(groupOf, options.maxLabelledPairs);
  const K = comparisons.length;
  const levelCounts = comparisons.map((c) => c.levelCount);
  const start = comparisons.map((c) => defaultM(c.levelCount));
  const byEm = comparisons.map((c) => labelled.left.length < MIN_LABELLED || rules.emColumns.includes(c.spec.column));
  const counted = estimateMFromLabels(comparePairs(comparisons, labelled.left, labelled.right), K, levelCounts);
  const fixed = comparisons.map((_, k) => (byEm[k] ? null : counted[k]!));
  const em = estimateMByEm({ gamma, comparisonCount: K, levelCounts, pairs: range(candidates.count), excluded: comparisons.map(() => false), u, mStart: start, fixed });
  const m = comparisons.map((_, k) => fixed[k] ?? em.m[k] ?? start[k]!);
  lap('estimate_m');

  const model: LinkageModel = { comparisons: rules.comparisons, m, u, prior: 0 };
  const evidence = evidenceBits(model, comparisons, gamma, left, right);
  model.prior = estimatePrior(evidence, (n * (n - 1)) / 2);
  const shift = priorBits(model.prior);
  const weights = evidence.map((e) => e + shift);
  lap('score');
  return { left, right, weights, model, comparisons, labelledPairs: labelled.left.length, timings };
}

function* range(count: number): Iterable<number> {
  for (let p = 0; p < count; p++) yield p;
}

/** Known matches: each group's members as a chain (member i with member i+1), up to `max` pairs, in record order. */
function pairsWithinGroups(groupOf: Int32Array, max: number): { left: Int32Array; right: Int32Array } {
  const last = new Map<number, number>();
  const left: number[] = [];
  const right: number[] = [];
  for (let r = 0; r < groupOf.length && left.length < max; r++) {
    const previous = last.get(groupOf[r]!);
    if (previous !== undefined) {
      left.push(previous);
      right.push(r);
    }
    last.set(groupOf[r]!, r);
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right) };
}

/** The column with each value counted once per group it occurs in (the counts exact u and term frequencies read). */
function countOncePerGroup(column: PreparedColumn, groupOf: Int32Array): PreparedColumn {
  // (value, group) packed in one float64 (both below 2^26), sorted, counted once per distinct pair.
  const packed: number[] = [];
  for (let r = 0; r < column.ids.length; r++) if (column.ids[r]! >= 0) packed.push(column.ids[r]! * 67_108_864 + groupOf[r]!);
  const sorted = Float64Array.from(packed).sort();
  const counts = new Int32Array(column.values.length);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    counts[Math.floor(sorted[i]! / 67_108_864)]!++;
    total++;
  }
  return { ...column, counts, nonMissing: total };
}
