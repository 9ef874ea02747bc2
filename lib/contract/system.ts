import { z } from 'zod';
import { Role } from './roles.ts';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  store: z.enum(['pglite', 'postgres']),
  database: z.enum(['ok', 'unreachable']),
});
export type Health = z.infer<typeof Health>;

/** The caller, and the fields their role may see (the server never sends any other). */
export const Me = z.object({
  name: z.string(),
  role: Role,
  visibleProperties: z.array(
    z.object({
      entity: z.enum(['account', 'person']),
      key: z.string(),
      label: z.string(),
      group: z.string(),
      format: z.string(),
      /** The role sees this personal value masked. */
      masked: z.boolean().default(false),
    }),
  ),
  /** The governed metrics the role may see; every role sees health and identity matches. */
  visibleMetrics: z.array(z.object({ entity: z.enum(['account', 'person']), key: z.string(), label: z.string(), format: z.string() })).default([]),
});
export type Me = z.infer<typeof Me>;

export const ModelRunSummary = z.object({
  id: z.string(),
  model: z.string(),
  source: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  rowsRead: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsQuarantined: z.number().int(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type ModelRunSummary = z.infer<typeof ModelRunSummary>;

export const ModelStatus = z.object({
  name: z.string(),
  kind: z.string(),
  source: z.string(),
  freshnessMinutes: z.number().int(),
  lastSuccessAt: z.iso.datetime({ offset: true }).nullable(),
  /** When the data last changed at the source, as far as the source can tell; else the last successful run. */
  dataAsOf: z.iso.datetime({ offset: true }).nullable(),
  stale: z.boolean(),
  lastRun: ModelRunSummary.nullable(),
});
export type ModelStatus = z.infer<typeof ModelStatus>;

/** One data-quality check after a sync: ok, a warning with a count and sample ids, or information. */
export const QualityCheck = z.object({
  check: z.string(),
  label: z.string(),
  model: z.string().nullable(),
  status: z.enum(['ok', 'warn', 'info']),
  count: z.number().int(),
  samples: z.array(z.string()),
});
export type QualityCheck = z.infer<typeof QualityCheck>;

export const QualityReport = z.object({ checkedAt: z.iso.datetime({ offset: true }).nullable(), checks: z.array(QualityCheck) }).meta({ id: 'QualityReport' });
export type QualityReport = z.infer<typeof QualityReport>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
