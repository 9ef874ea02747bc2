import { Cron } from 'croner';
import { z } from 'zod';
import { ModelKind, Role, ROLES, SourceSystem } from '../../lib/contract/index.ts';
import { HealthConfig, MetricConfig } from './metrics.ts';

/** A secret is never written in config: it names the environment variable that holds it. */
export const EnvRef = z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name') }).strict();
export type EnvRef = z.infer<typeof EnvRef>;

/** Which app a source's ids belong to: decides the identifier types and deep links of its records. */
export const SourceApp = z.enum(['salesforce', 'zendesk', 'intercom', 'stripe', 'product', 'other']);
export type SourceApp = z.infer<typeof SourceApp>;

const sourceCommon = {
  system: SourceSystem,
  app: SourceApp.default('other'),
  /** Base URL of the app, for deep links to its records (e.g. https://acme.zendesk.com). */
  appUrl: z.url().optional(),
  /** Seconds a query may run before the run fails with a timeout. */
  timeoutSeconds: z.number().int().positive().max(3600).default(300),
};

export const SourceConfig = z.discriminatedUnion('type', [
  z.object({ type: z.literal('postgres'), url: EnvRef, ...sourceCommon }).strict(),
  z.object({ type: z.literal('mysql'), url: EnvRef, ...sourceCommon }).strict(),
  z.object({ type: z.literal('pglite'), dataDir: z.string().min(1), ...sourceCommon }).strict(),
  z.object({ type: z.literal('csv'), dir: z.string().min(1), ...sourceCommon }).strict(),
]);
export type SourceConfig = z.infer<typeof SourceConfig>;

/** A cron expression croner accepts; checked at load so a typo is a config error with its path. */
const CronExpression = z.string().superRefine((value, ctx) => {
  try {
    new Cron(value, { paused: true }).stop();
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid cron expression: ${(error as Error).message}` });
  }
});

const Name = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _; starts with a letter');

export const ModelConfig = z
  .object({
    name: Name,
    kind: ModelKind,
    source: Name,
    /** SQL for database sources: the rows of the model, one per record. */
    sql: z.string().min(1).optional(),
    /** CSV file (relative to the source's dir) for CSV sources. */
    file: z.string().min(1).optional(),
    /** Rename source columns to the kind's names ({ "Company ID": "id" }); any source, mostly CSV. */
    columns: z.record(z.string(), z.string()).optional(),
    /** Minutes after a successful run before the model counts as stale. */
    freshnessMinutes: z.number().int().positive().default(24 * 60),
    /**
     * Columns that hold another source's id for the same customer (a CRM id stored on a billing customer):
     * deterministic "shared system id" links between records.
     */
    sameAs: z.array(z.object({ column: z.string().min(1), source: Name }).strict()).default([]),
    /** Incremental runs: a column that only grows (updated_at, an increasing id); a run reads rows at or past the last value. */
    cursor: z.string().min(1).optional(),
    /** A column that marks a row as deleted at the source (truthy: true, 1, 'yes', or a deleted_at timestamp). */
    softDelete: z.string().min(1).optional(),
    /** With a cursor: read everything at least this often, to notice rows deleted at the source. */
    fullRefreshHours: z.number().positive().optional(),
    /** Cron expression (5 or 6 fields) for scheduled runs inside the server. */
    schedule: CronExpression.optional(),
  })
  .strict();
export type ModelConfig = z.infer<typeof ModelConfig>;

export const PropertyFormat = z.enum(['text', 'number', 'currency', 'percent', 'date', 'url', 'email']);

export const PropertyConfig = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    entity: z.enum(['account', 'person']),
    label: z.string().min(1),
    group: z.string().default('General'),
    format: PropertyFormat.default('text'),
    /** Source systems in order of trust; a value from an earlier system wins, then the most recent. */
    priority: z.array(SourceSystem).min(1).default(['crm', 'billing', 'product', 'support', 'other']),
    /** Roles that may see the property; every role when absent. */
    roles: z.array(Role).default([...ROLES]),
    /** Roles that see the property masked (PII: "a•••@acme.com"), not its value. */
    maskFor: z.array(Role).default([]),
  })
  .strict();
export type PropertyConfig = z.infer<typeof PropertyConfig>;

export const ApiConfig = z
  .object({
    /** Requests a minute per token (bursts of ten seconds' worth); 0 turns the limit off. */
    rateLimitPerMinute: z.number().int().min(0).default(1200),
    /** Tokens created without an expiry expire after this many days. */
    tokenMaxAgeDays: z.number().int().positive().optional(),
  })
  .strict();
export type ApiConfig = z.infer<typeof ApiConfig>;

/**
 * Identity resolution (DESIGN.md section 5): values that never link records, how large automatic links may
 * make an entity, and the match probabilities at which a probable match links (auto) or is queued for review.
 */
export const IdentityConfig = z
  .object({
    blocklist: z
      .object({
        /** Addresses that never link people (a shared inbox the mailbox rules do not catch). */
        emails: z.array(z.string().min(3)).default([]),
        /** Domains that never link accounts, on top of the free-mail list (a reseller's, a parent's). */
        domains: z.array(z.string().min(3)).default([]),
      })
      .strict()
      .default({ emails: [], domains: [] }),
    /** Automatic links stop where an entity would grow past this many records (a runaway cluster); manual merges do not. */
    maxRecordsPerEntity: z.number().int().min(2).default(50),
    thresholds: z
      .object({ auto: z.number().gt(0).max(1).default(0.95), review: z.number().gt(0).max(1).default(0.6) })
      .strict()
      .refine((t) => t.review <= t.auto, 'review must not exceed auto')
      .default({ auto: 0.95, review: 0.6 }),
    /** Run the probabilistic pass after the deterministic rules on every full rebuild. */
    probabilistic: z.boolean().default(true),
  })
  .strict();
export type IdentityConfig = z.infer<typeof IdentityConfig>;

export const SidelightConfig = z
  .object({
    sources: z.record(Name, SourceConfig),
    models: z.array(ModelConfig).min(1),
    properties: z.array(PropertyConfig).default([]),
    metrics: z.array(MetricConfig).default([]),
    /** The account health score: weighted factors over account metrics. */
    health: HealthConfig.optional(),
    api: ApiConfig.default({ rateLimitPerMinute: 1200 }),
    identity: IdentityConfig.default({ blocklist: { emails: [], domains: [] }, maxRecordsPerEntity: 50, thresholds: { auto: 0.95, review: 0.6 }, probabilistic: true }),
  })
  .strict()
  .superRefine((config, ctx) => {
    const names = new Set<string>();
    config.models.forEach((model, i) => {
      if (names.has(model.name)) ctx.addIssue({ code: 'custom', path: ['models', i, 'name'], message: `duplicate model name "${model.name}"` });
      names.add(model.name);
      const source = config.sources[model.source];
      if (!source) {
        ctx.addIssue({ code: 'custom', path: ['models', i, 'source'], message: `unknown source "${model.source}"; known: ${Object.keys(config.sources).join(', ')}` });
        return;
      }
      if (source.type === 'csv' && !model.file) ctx.addIssue({ code: 'custom', path: ['models', i, 'file'], message: 'a CSV source needs "file"' });
      if (source.type !== 'csv' && !model.sql) ctx.addIssue({ code: 'custom', path: ['models', i, 'sql'], message: `a ${source.type} source needs "sql"` });
      model.sameAs.forEach((ref, j) => {
        if (!config.sources[ref.source]) ctx.addIssue({ code: 'custom', path: ['models', i, 'sameAs', j, 'source'], message: `unknown source "${ref.source}"` });
      });
    });
    if (!config.models.some((m) => m.kind === 'accounts')) ctx.addIssue({ code: 'custom', path: ['models'], message: 'at least one model of kind "accounts" is required' });
    const keys = new Set<string>();
    config.properties.forEach((p, i) => {
      const key = `${p.entity}.${p.key}`;
      if (keys.has(key)) ctx.addIssue({ code: 'custom', path: ['properties', i, 'key'], message: `duplicate property "${key}"` });
      keys.add(key);
    });
    const metrics = new Map(config.metrics.map((m) => [m.key, m]));
    config.metrics.forEach((metric, i) => {
      if (config.metrics.findIndex((m) => m.key === metric.key) !== i) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'key'], message: `duplicate metric "${metric.key}"` });
      for (const side of ['numerator', 'denominator'] as const) {
        const ref = metric.ratio?.[side];
        if (ref === undefined) continue;
        const target = metrics.get(ref);
        if (!target || target.ratio) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'ratio', side], message: `"${ref}" is not a metric (or is itself a ratio)` });
        else if (target.entity !== metric.entity) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'ratio', side], message: `"${ref}" is a ${target.entity} metric` });
      }
      metric.models?.forEach((name, j) => {
        const model = config.models.find((m) => m.name === name);
        if (!model || model.kind !== metric.kind) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'models', j], message: `"${name}" is not a model of kind "${metric.kind}"` });
      });
    });
    config.health?.factors.forEach((factor, i) => {
      const metric = metrics.get(factor.metric);
      if (!metric || metric.entity !== 'account') ctx.addIssue({ code: 'custom', path: ['health', 'factors', i, 'metric'], message: `"${factor.metric}" is not an account metric` });
    });
  });
export type SidelightConfig = z.infer<typeof SidelightConfig>;
export type SidelightConfigInput = z.input<typeof SidelightConfig>;

/** Identity for type inference in sidelight.config.ts; validation happens when the config is loaded. */
export function defineConfig(config: SidelightConfigInput): SidelightConfigInput {
  return config;
}
