import { z } from 'zod';
import { ModelKind, Role, ROLES } from '../../lib/contract/index.ts';

/**
 * Governed metrics (DESIGN section 6): one definition per metric, used by the lookup, the health score and
 * the precomputed contexts alike. A metric counts or aggregates the records of one kind that belong to an
 * account or a person, optionally filtered, over time windows anchored at a moment.
 */

const Key = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _');
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A condition on one field of a record (contract column or extra property). */
export const MetricFilter = z.discriminatedUnion('op', [
  z.object({ field: z.string().min(1), op: z.enum(['eq', 'ne']), value: Scalar }).strict(),
  z.object({ field: z.string().min(1), op: z.enum(['in', 'not_in']), value: z.array(Scalar).min(1) }).strict(),
  z.object({ field: z.string().min(1), op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }).strict(),
  z.object({ field: z.string().min(1), op: z.enum(['is_null', 'not_null']) }).strict(),
]);
export type MetricFilter = z.infer<typeof MetricFilter>;

export const AGGREGATIONS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'latest'] as const;
export const Aggregation = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof Aggregation>;

export const MetricConfig = z
  .object({
    key: Key,
    label: z.string().min(1),
    entity: z.enum(['account', 'person']),
    /** Records of this kind; `models` narrows to some of its models. */
    kind: ModelKind,
    models: z.array(z.string()).optional(),
    aggregation: Aggregation,
    /**
     * The field aggregated (not for count). `person` / `account` name the record's entities, so
     * `count_distinct` of `person` counts people. With format `duration`, `min`/`max`/`latest` of a
     * timestamp give the time elapsed from it to the anchor (days since last login).
     */
    field: z.string().min(1).optional(),
    /** The timestamp field that places a record in a window; without one the metric is the current state. */
    time: z.string().min(1).optional(),
    filter: z.array(MetricFilter).default([]),
    format: z.enum(['number', 'currency', 'percent', 'duration']).default('number'),
    /** A ratio of two other metrics (seats used of purchased), window by window; kind and aggregation are ignored. */
    ratio: z.object({ numerator: Key, denominator: Key }).strict().optional(),
    /** Smaller is better (failed charges, open tickets): the trend arrow reads the other way. */
    lowerIsBetter: z.boolean().default(false),
    roles: z.array(Role).default([...ROLES]),
  })
  .strict()
  .superRefine((metric, ctx) => {
    if (metric.ratio) return;
    if (metric.aggregation !== 'count' && !metric.field) ctx.addIssue({ code: 'custom', path: ['field'], message: `"${metric.aggregation}" needs a field` });
    if (metric.aggregation === 'latest' && !metric.time) ctx.addIssue({ code: 'custom', path: ['time'], message: '"latest" needs a time field to order by' });
  });
export type MetricConfig = z.infer<typeof MetricConfig>;

/** Score points for a metric value: linear between points, flat beyond the ends (a step is two close points). */
const CurvePoint = z.tuple([z.number(), z.number().min(0).max(100)]);

export const HealthFactorConfig = z
  .object({
    key: Key,
    label: z.string().min(1),
    metric: Key,
    window: z.enum(['24h', '7d', '30d', '90d', 'all']).default('30d'),
    weight: z.number().positive(),
    curve: z.array(CurvePoint).min(2),
  })
  .strict()
  .superRefine((factor, ctx) => {
    for (let i = 1; i < factor.curve.length; i++) {
      if (factor.curve[i]![0] < factor.curve[i - 1]![0]) ctx.addIssue({ code: 'custom', path: ['curve', i], message: 'curve points must be in increasing order of value' });
    }
  });
export type HealthFactorConfig = z.infer<typeof HealthFactorConfig>;

export const HealthConfig = z
  .object({
    factors: z.array(HealthFactorConfig).min(1),
    /** The lowest score of each band above `at_risk`. */
    bands: z.object({ good: z.number().min(0).max(100), watch: z.number().min(0).max(100) }).strict().default({ good: 70, watch: 40 }),
  })
  .strict();
export type HealthConfig = z.infer<typeof HealthConfig>;
