import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { MetricConfig } from '../config/metrics.ts';
import type { Database } from '../store/schema.ts';
import { aggregateExpression, emptyValue, measuresElapsedTime, metricRows } from './metric-sql.ts';
import { changeBetween, SPARKLINE_DAYS, windowBounds, WINDOWS, type MetricWindowName } from './windows.ts';

export interface WindowValue {
  window: MetricWindowName;
  value: number | null;
  previous: number | null;
  change: number | null;
}

/** One metric of one entity, before roles and labels are applied. */
export interface ComputedMetric {
  key: string;
  windows: WindowValue[];
  /** One point per day over the last 90 days, oldest first (empty for current-state metrics). */
  sparkline: number[];
}

/** entity id -> metric key -> value. */
export type MetricTable = Map<string, Map<string, ComputedMetric>>;

const between = (t: RawBuilder<Date | null>, start: Date | null, end: Date) =>
  (start ? sql`${t} > ${start}::timestamptz and ${t} <= ${end}::timestamptz` : sql`${t} <= ${end}::timestamptz`) as RawBuilder<boolean>;

const toNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

async function computeWindows(db: Kysely<Database>, metric: MetricConfig, anchor: Date, entityIds: readonly string[] | null) {
  const columns: RawBuilder<unknown>[] = [];
  const windows: readonly MetricWindowName[] = metric.time ? WINDOWS : ['all'];
  const time = metric.time ? sql<Date>`x.t` : null;
  for (const [i, window] of windows.entries()) {
    const bounds = windowBounds(anchor, window);
    const inWindow = time ? between(time, bounds.start, bounds.end) : (sql`true` as RawBuilder<boolean>);
    columns.push(sql`${aggregateExpression(metric, inWindow, anchor)} as ${sql.ref(`w${i}`)}`);
    const prior = bounds.prior && time ? between(time, bounds.prior.start, bounds.prior.end) : (sql`false` as RawBuilder<boolean>);
    columns.push(sql`${bounds.prior && time ? aggregateExpression(metric, prior, anchor) : sql`null::double precision`} as ${sql.ref(`p${i}`)}`);
  }
  const { rows } = await sql<Record<string, unknown>>`
    select x.entity_id, ${sql.join(columns)}
    from (${metricRows(metric, entityIds)}) x
    group by 1`.execute(db);
  return rows.map((row) => ({
    entityId: String(row.entity_id),
    windows: windows.map((window, i): WindowValue => {
      const value = toNumber(row[`w${i}`]);
      const previous = toNumber(row[`p${i}`]);
      return { window, value, previous: window === 'all' ? null : previous, change: window === 'all' ? null : changeBetween(value, previous) };
    }),
  }));
}

/** Daily values over the last 90 days (count, distinct count, sum, avg, min, max per day). */
async function computeSparklines(db: Kysely<Database>, metric: MetricConfig, anchor: Date, entityIds: readonly string[] | null) {
  if (!metric.time || metric.aggregation === 'latest' || measuresElapsedTime(metric)) return new Map<string, number[]>();
  const time = sql<Date>`x.t`;
  const start = new Date(anchor.getTime() - SPARKLINE_DAYS * 24 * 3600_000);
  const { rows } = await sql<{ entity_id: string; days_ago: number; value: unknown }>`
    select x.entity_id,
      floor(extract(epoch from (${anchor}::timestamptz - x.t)) / 86400)::int as days_ago,
      ${aggregateExpression(metric, sql`true`, anchor)} as value
    from (${metricRows(metric, entityIds)}) x
    where ${between(time, start, anchor)}
    group by 1, 2`.execute(db);
  const series = new Map<string, number[]>();
  const empty = emptyValue(metric) ?? 0;
  for (const row of rows) {
    let points = series.get(row.entity_id);
    if (!points) series.set(row.entity_id, (points = new Array<number>(SPARKLINE_DAYS).fill(empty)));
    const index = SPARKLINE_DAYS - 1 - Number(row.days_ago);
    if (index >= 0 && index < SPARKLINE_DAYS) points[index] = toNumber(row.value) ?? empty;
  }
  return series;
}

function emptyMetric(metric: MetricConfig): ComputedMetric {
  const value = emptyValue(metric);
  const windows: readonly MetricWindowName[] = metric.time ? WINDOWS : ['all'];
  return {
    key: metric.key,
    windows: windows.map((window) => ({ window, value, previous: window === 'all' ? null : value, change: window === 'all' ? null : changeBetween(value, value) })),
    sparkline: metric.time && !measuresElapsedTime(metric) && metric.aggregation !== 'latest' ? new Array<number>(SPARKLINE_DAYS).fill(value ?? 0) : [],
  };
}

function ratioOf(metric: MetricConfig, numerator: ComputedMetric | undefined, denominator: ComputedMetric | undefined): ComputedMetric {
  const divide = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || !b ? null : a / b);
  const windows = (numerator?.windows ?? []).map((w): WindowValue => {
    const d = denominator?.windows.find((x) => x.window === w.window) ?? denominator?.windows.find((x) => x.window === 'all');
    const value = divide(w.value, d?.value);
    const previous = divide(w.previous, d?.previous ?? d?.value);
    return { window: w.window, value, previous, change: w.window === 'all' ? null : changeBetween(value, previous) };
  });
  return { key: metric.key, windows, sparkline: [] };
}

/**
 * Every metric of `entity` kind for the given entities (or all that have records), anchored at `anchor`.
 * Entities without records get the metric's empty value so every entity shows every metric.
 */
export async function computeMetrics(
  db: Kysely<Database>,
  metrics: readonly MetricConfig[],
  options: { entity: 'account' | 'person'; anchor: Date; entityIds: readonly string[] | null },
): Promise<MetricTable> {
  const own = metrics.filter((m) => m.entity === options.entity);
  const table: MetricTable = new Map();
  const entry = (id: string) => {
    let metricsOf = table.get(id);
    if (!metricsOf) table.set(id, (metricsOf = new Map()));
    return metricsOf;
  };
  options.entityIds?.forEach(entry);
  for (const metric of own.filter((m) => !m.ratio)) {
    const [windows, sparklines] = await Promise.all([
      computeWindows(db, metric, options.anchor, options.entityIds),
      computeSparklines(db, metric, options.anchor, options.entityIds),
    ]);
    for (const row of windows) {
      entry(row.entityId).set(metric.key, { key: metric.key, windows: row.windows, sparkline: sparklines.get(row.entityId) ?? emptyMetric(metric).sparkline });
    }
  }
  for (const metricsOf of table.values()) {
    for (const metric of own) if (!metric.ratio && !metricsOf.has(metric.key)) metricsOf.set(metric.key, emptyMetric(metric));
    for (const metric of own) {
      if (metric.ratio) metricsOf.set(metric.key, ratioOf(metric, metricsOf.get(metric.ratio.numerator), metricsOf.get(metric.ratio.denominator)));
    }
  }
  return table;
}
