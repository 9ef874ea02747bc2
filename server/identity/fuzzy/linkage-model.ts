import type { ComparisonSpec } from './linkage-spec.ts';

/**
 * A fitted Fellegi–Sunter model: per comparison and level, m = P(level | match) and u = P(level | non-match);
 * `prior` = P(two random records match). Index 0 of m and u is the "missing" level, which weighs nothing.
 */
export interface LinkageModel {
  comparisons: ComparisonSpec[];
  m: Float64Array[];
  u: Float64Array[];
  prior: number;
}

/** log2 of the Bayes factor m/u of each level: bits for (positive) or against (negative) a match. */
export const levelBits = (model: LinkageModel, k: number): Float64Array =>
  Float64Array.from(model.m[k]!, (m, level) => (level === 0 ? 0 : Math.log2(m / model.u[k]![level]!)));

export const priorBits = (prior: number): number => Math.log2(prior / (1 - prior));

export const probabilityOfWeight = (weight: number): number => 1 / (1 + 2 ** -weight);
