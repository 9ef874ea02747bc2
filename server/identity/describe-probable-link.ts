import type { PairExplanation } from './fuzzy/explain-pair.ts';

/**
 * A probable match as its link row tells it: the probability, the record it matched (its id quoted as JSON,
 * so any id reads back exactly), and each attribute's values, level and contribution in bits, which add up
 * with the prior to the match weight. Scoped re-resolutions (a flag, an undo) read the partner back from
 * here instead of re-running the engine on a few records.
 */
const signed = (bits: number) => `${bits >= 0 ? '+' : '−'}${Math.abs(bits).toFixed(1)}`;
const shown = (value: string | null) => (value === null ? 'missing' : JSON.stringify(value));

/** The probability as stored and shown: 4 decimals, so a re-run on the same data writes the same row. */
export const roundScore = (p: number): number => Math.round(p * 10_000) / 10_000;

export function describeProbableLink(score: number, partner: { source: string; sourceId: string }, e: PairExplanation): string {
  const attributes = e.attributes.map((a) =>
    a.left === null || a.right === null
      ? `${a.column} missing (0 bits)`
      : `${a.column} ${shown(a.left)} vs ${shown(a.right)}: ${a.level} (${signed(a.bits)} bits)`,
  );
  return `probable match (${roundScore(score).toFixed(4)}) with ${partner.source} record ${JSON.stringify(partner.sourceId)}: ${attributes.join('; ')}; prior ${signed(e.priorBits)} bits`;
}

const PARTNER = /^probable match \([\d.]+\) with ([a-z0-9_]+) record ("(?:[^"\\]|\\.)*")/;

/** The record a probable link names as its match, or null when the text is not a probable-match explanation. */
export function probablePartner(explanation: string): { source: string; sourceId: string } | null {
  const m = PARTNER.exec(explanation);
  if (!m) return null;
  try {
    const sourceId: unknown = JSON.parse(m[2]!);
    return typeof sourceId === 'string' ? { source: m[1]!, sourceId } : null;
  } catch {
    return null;
  }
}
