import type { CompiledComparison } from './compile-comparison.ts';
import { levelNames } from './describe-level.ts';
import { levelBits, priorBits, probabilityOfWeight, type LinkageModel } from './linkage-model.ts';
import { termFrequencyBits, usesTermFrequency } from './term-frequency-bits.ts';

/**
 * Why two records do or do not match: every attribute's level and its contribution in bits (log2 of its
 * Bayes factor), starting from the prior. The bits add up to the match weight, so the explanation is the score.
 */
export interface AttributeContribution {
  column: string;
  left: string | null;
  right: string | null;
  level: string;
  bits: number;
  /** Set when term frequency changed the exact level's weight. */
  note?: string;
}

export interface PairExplanation {
  priorBits: number;
  attributes: AttributeContribution[];
  weight: number;
  probability: number;
}

export function explainPair(model: LinkageModel, comparisons: readonly CompiledComparison[], a: number, b: number): PairExplanation {
  const attributes = comparisons.map((c, k): AttributeContribution => {
    const va = c.column.ids[a]!;
    const vb = c.column.ids[b]!;
    const level = va < 0 || vb < 0 ? 0 : c.level(va, vb);
    const names = levelNames(c.spec.levels);
    let bits = levelBits(model, k)[level]!;
    let note: string | undefined;
    if (level === 1 && usesTermFrequency(c)) {
      const share = c.column.counts[va]! / c.column.nonMissing;
      note = `term frequency: ${(share * 100).toPrecision(2)}% of records have this value (${bits >= 0 ? '+' : ''}${bits.toFixed(2)} bits for an average value)`;
      bits = termFrequencyBits(c, model.m[k]![1]!)[va]!;
    }
    return {
      column: c.spec.column,
      left: va < 0 ? null : c.column.values[va]!,
      right: vb < 0 ? null : c.column.values[vb]!,
      level: names[level]!,
      bits,
      ...(note ? { note } : {}),
    };
  });
  const prior = priorBits(model.prior);
  const weight = attributes.reduce((sum, x) => sum + x.bits, prior);
  return { priorBits: prior, attributes, weight, probability: probabilityOfWeight(weight) };
}

const signed = (bits: number) => `${bits >= 0 ? '+' : ''}${bits.toFixed(2)}`;

/** The explanation as a table a person reads top to bottom. */
export function formatExplanation(e: PairExplanation): string {
  const show = (v: string | null) => (v === null ? '(missing)' : JSON.stringify(v));
  const header = ['attribute', 'values', 'level', 'bits', ''];
  const rows = [
    ['prior', '', 'two random records match', signed(e.priorBits), ''],
    ...e.attributes.map((x) => [x.column, `${show(x.left)} vs ${show(x.right)}`, x.level, signed(x.bits), x.note ?? '']),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  return [
    line(header),
    ...rows.map(line),
    `match weight ${signed(e.weight)} bits, probability ${e.probability.toFixed(4)}`,
  ].join('\n');
}
