import { z } from 'zod';
import { ModelKind } from '../../lib/contract/index.ts';
import { ModelConfig } from '../config/schema.ts';

/** The suggested model: the part of a model's config that suggest fills in, ready to paste. */
export const SuggestedModel = ModelConfig.pick({
  name: true,
  kind: true,
  source: true,
  sql: true,
  file: true,
  columns: true,
  cursor: true,
  softDelete: true,
  fullRefreshHours: true,
}).extend({ sameAs: ModelConfig.shape.sameAs.unwrap().optional() });
export type ModelInput = z.input<typeof SuggestedModel>;

export const Preview = z.object({
  rows: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  /** Rows the soft-delete column marks as deleted: a run removes them rather than keeping them. */
  deleted: z.number().int(),
  failures: z.array(z.object({ reason: z.string(), count: z.number().int(), examples: z.array(z.string()) })),
  error: z.string().optional(),
});
export type Preview = z.infer<typeof Preview>;

const ColumnReason = z.object({ column: z.string(), reason: z.string() });

export const Proposal = z.object({
  kind: ModelKind,
  table: z.string(),
  /** 0–1: how the table's name and columns fit the kind, and how many preview rows pass. */
  confidence: z.number(),
  reasons: z.array(z.string()),
  fields: z.array(z.object({ field: z.string(), columns: z.array(z.string()), score: z.number(), reason: z.string() })),
  cursor: ColumnReason.nullable(),
  softDelete: ColumnReason.nullable(),
  sameAs: z.array(ColumnReason.extend({ source: z.string().nullable() })),
  notes: z.array(z.string()),
  model: SuggestedModel,
  preview: Preview,
  alternatives: z.array(z.object({ table: z.string(), score: z.number() })),
});
export type Proposal = z.infer<typeof Proposal>;

export const SuggestResult = z.object({
  source: z.string(),
  type: z.enum(['postgres', 'mysql', 'pglite', 'csv']),
  schemas: z.array(z.string()),
  /** Which schemas were read, and why. */
  scope: z.string(),
  tables: z.number().int(),
  /** Tables that could not be read, with the error. */
  skipped: z.array(z.object({ table: z.string(), reason: z.string() })),
  proposals: z.array(Proposal),
  unmatched: z.array(z.object({ kind: ModelKind, reason: z.string() })),
  /** The proposals as a `models: [...]` block for sidelight.config.ts. */
  snippet: z.string(),
});
export type SuggestResult = z.infer<typeof SuggestResult>;

export const SuggestRequest = z.object({
  /** Read this schema of the database (default: the one named like the source, else all). */
  schema: z.string().min(1).optional(),
  /** Rows sampled per table to judge the values (default 100). */
  sampleRows: z.number().int().min(1).max(1000).optional(),
  /** Rows of each proposed model run through the contract (default 20). */
  previewRows: z.number().int().min(1).max(500).optional(),
});
export type SuggestRequest = z.infer<typeof SuggestRequest>;
