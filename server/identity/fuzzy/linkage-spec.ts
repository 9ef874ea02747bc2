import { z } from 'zod';
import { COLUMN_KINDS } from './column-kind.ts';
import { NORMALISERS } from './normalise-value.ts';

/**
 * The data that describes a linkage: comparison levels per column and blocking rules. The engine runs from
 * these (chosen automatically or read from a rules file), so an explanation can always name the level.
 */
export const levelSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exact') }),
  z.object({ kind: z.literal('jaro_winkler'), min: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('levenshtein'), max: z.number().int().min(1).max(10), transpositions: z.boolean().optional() }),
  z.object({ kind: z.literal('trigram'), min: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('prefix'), length: z.number().int().min(1) }),
  z.object({ kind: z.literal('soundex') }),
  z.object({ kind: z.literal('date_swapped') }),
  z.object({ kind: z.literal('date_within'), days: z.number().positive() }),
  z.object({ kind: z.literal('number_within'), percent: z.number().positive() }),
  z.object({ kind: z.literal('phone_last'), digits: z.number().int().min(4).max(12) }),
  z.object({ kind: z.literal('email_local') }),
  z.object({ kind: z.literal('email_domain') }),
]);
export type LevelSpec = z.infer<typeof levelSpec>;

export const comparisonSpec = z.object({
  column: z.string().min(1),
  normalise: z.enum(NORMALISERS).default('text'),
  /** Tried in order; the first that holds is the pair's level. "Missing" and "all other" are implicit. */
  levels: z.array(levelSpec).min(1).max(12),
  /** Weigh an exact match by how common the value is (Smith counts less than Zabriskie). */
  termFrequency: z.boolean().default(false),
});
export type ComparisonSpec = z.infer<typeof comparisonSpec>;

export const BLOCKING_TRANSFORMS = ['exact', 'prefix', 'soundex', 'year', 'email_local', 'email_domain', 'last_digits'] as const;
export const blockingPart = z.object({
  column: z.string().min(1),
  transform: z.enum(BLOCKING_TRANSFORMS).default('exact'),
  /** For `prefix` and `last_digits`. */
  length: z.number().int().min(1).optional(),
});
export type BlockingPart = z.infer<typeof blockingPart>;

/** `"surname"`, `"soundex(surname)"`, `"prefix3(surname)"`, `"last_digits7(phone)"` — the rules file shorthand. */
const SHORTHAND = /^(?:([a-z_]+?)(\d*)\((.+)\)|(.+))$/;
export function parseBlockingPart(text: string): BlockingPart {
  const m = SHORTHAND.exec(text.trim())!;
  if (m[4] !== undefined) return { column: m[4], transform: 'exact' };
  return blockingPart.parse({ column: m[3], transform: m[1], ...(m[2] ? { length: Number(m[2]) } : {}) });
}

/** All parts must agree for two records to be compared; rules are OR'ed. */
export const blockingRule = z.array(z.union([z.string().min(1).transform(parseBlockingPart), blockingPart])).min(1);
export type BlockingRule = BlockingPart[];

export const linkageRules = z
  .object({
    /** Override what a column was detected as; the comparison for it is then chosen from the kind. */
    columnKinds: z.record(z.string(), z.enum(COLUMN_KINDS)).optional(),
    /** Columns left out of automatic choice (e.g. a ground-truth `cluster`). */
    ignoreColumns: z.array(z.string()).optional(),
    comparisons: z.array(comparisonSpec).min(1).optional(),
    blocking: z.array(blockingRule).min(1).optional(),
    /** Skip (and report) any block with more records than this, so one common value cannot blow up the pairs. */
    maxBlockSize: z.number().int().min(2).optional(),
    /** Match probability at or above which a pair is a predicted link. */
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();
export type LinkageRules = z.infer<typeof linkageRules>;
