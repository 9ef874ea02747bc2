import { sql, type RawBuilder } from 'kysely';
import type { MetricConfig, MetricFilter } from '../config/metrics.ts';

/**
 * The SQL pieces of one governed metric over `source_records r`. Field names come from config and are
 * passed as parameters (json keys), never spliced into the text.
 */

const NUMBER = '^\\s*-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?\\s*$';
const MOMENT = '^\\d{4}-\\d{2}-\\d{2}';

/** A record's text value for a field: its entity for `person`/`account`, else the contract column or the extra property. */
export function fieldText(field: string): RawBuilder<string | null> {
  if (field === 'person') return sql`r.person_entity_id`;
  if (field === 'account') return sql`r.account_entity_id`;
  return sql`coalesce(r.payload->>${field}, r.properties->>${field})`;
}

/** Numbers that do not parse count as missing rather than failing the whole query. */
export function fieldNumber(field: string): RawBuilder<number | null> {
  const text = fieldText(field);
  return sql`(case when ${text} ~ ${NUMBER} then (${text})::double precision end)`;
}

export function fieldMoment(field: string): RawBuilder<Date | null> {
  const text = fieldText(field);
  return sql`(case when ${text} ~ ${MOMENT} then (${text})::timestamptz end)`;
}

export function entityColumn(entity: MetricConfig['entity']): RawBuilder<string> {
  return entity === 'account' ? sql`r.account_entity_id` : sql`r.person_entity_id`;
}

function filterPredicate(filter: MetricFilter): RawBuilder<boolean> {
  const text = fieldText(filter.field);
  switch (filter.op) {
    case 'eq':
      return sql`${text} = ${String(filter.value)}`;
    case 'ne':
      return sql`${text} is distinct from ${String(filter.value)}`;
    case 'in':
      return sql`${text} = any(${filter.value.map(String)}::text[])`;
    case 'not_in':
      return sql`(${text} is null or not (${text} = any(${filter.value.map(String)}::text[])))`;
    case 'gt':
      return sql`${fieldNumber(filter.field)} > ${filter.value}`;
    case 'gte':
      return sql`${fieldNumber(filter.field)} >= ${filter.value}`;
    case 'lt':
      return sql`${fieldNumber(filter.field)} < ${filter.value}`;
    case 'lte':
      return sql`${fieldNumber(filter.field)} <= ${filter.value}`;
    case 'is_null':
      return sql`nullif(${text}, '') is null`;
    case 'not_null':
      return sql`nullif(${text}, '') is not null`;
  }
}

/** Which records a metric reads: its kind (and models), with an entity, passing every filter. */
export function metricScope(metric: MetricConfig, entityIds: readonly string[] | null): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql`r.kind = ${metric.kind}`, sql`${entityColumn(metric.entity)} is not null`];
  if (metric.models?.length) parts.push(sql`r.model = any(${metric.models}::text[])`);
  if (entityIds) parts.push(sql`${entityColumn(metric.entity)} = any(${[...entityIds]}::text[])`);
  for (const filter of metric.filter) parts.push(filterPredicate(filter));
  return sql.join(parts, sql` and `) as RawBuilder<boolean>;
}

/** A duration metric over a timestamp: the time from the aggregated moment to the anchor, in seconds. */
export const measuresElapsedTime = (metric: MetricConfig) =>
  metric.format === 'duration' && (metric.aggregation === 'min' || metric.aggregation === 'max' || metric.aggregation === 'latest');

/**
 * The rows a metric aggregates, each field parsed once: `entity_id`, `t` (the time that places it in a
 * window), `v` (the value as a number), `vt` (as text, for distinct counts), `m` (as a moment, for elapsed time).
 */
export function metricRows(metric: MetricConfig, entityIds: readonly string[] | null): RawBuilder<unknown> {
  const field = metric.field ?? 'id';
  const needs = {
    v: metric.aggregation !== 'count' && metric.aggregation !== 'count_distinct' && !measuresElapsedTime(metric),
    vt: metric.aggregation === 'count_distinct',
    m: measuresElapsedTime(metric),
  };
  return sql`select ${entityColumn(metric.entity)} as entity_id,
      ${metric.time ? fieldMoment(metric.time) : sql`null::timestamptz`} as t,
      ${needs.v ? fieldNumber(field) : sql`null::double precision`} as v,
      ${needs.vt ? fieldText(field) : sql`null::text`} as vt,
      ${needs.m ? fieldMoment(field) : sql`null::timestamptz`} as m
    from source_records r where ${metricScope(metric, entityIds)} offset 0`;
}

/** The aggregate over the rows of `metricRows` for which `where` holds, as a double (null when nothing to aggregate). */
export function aggregateExpression(metric: MetricConfig, where: RawBuilder<boolean>, anchor: Date): RawBuilder<number | null> {
  if (measuresElapsedTime(metric)) {
    // A moment after the anchor has not happened yet as of the anchor.
    where = sql`${where} and x.m <= ${anchor}::timestamptz` as RawBuilder<boolean>;
    const picked =
      metric.aggregation === 'latest'
        ? sql`(array_agg(x.m order by x.t desc) filter (where ${where} and x.m is not null))[1]`
        : metric.aggregation === 'min'
          ? sql`min(x.m) filter (where ${where})`
          : sql`max(x.m) filter (where ${where})`;
    return sql`extract(epoch from (${anchor}::timestamptz - ${picked}))::double precision`;
  }
  switch (metric.aggregation) {
    case 'count':
      return sql`(count(*) filter (where ${where}))::double precision`;
    case 'count_distinct':
      return sql`(count(distinct x.vt) filter (where ${where}))::double precision`;
    case 'sum':
      return sql`coalesce(sum(x.v) filter (where ${where}), 0)`;
    case 'avg':
      return sql`avg(x.v) filter (where ${where})`;
    case 'min':
      return sql`min(x.v) filter (where ${where})`;
    case 'max':
      return sql`max(x.v) filter (where ${where})`;
    case 'latest':
      return sql`(array_agg(x.v order by x.t desc) filter (where ${where} and x.v is not null))[1]`;
  }
}

/** What an entity with no records at all gets: nothing counted is 0, nothing averaged is unknown. */
export const emptyValue = (metric: MetricConfig): number | null =>
  metric.aggregation === 'count' || metric.aggregation === 'count_distinct' || metric.aggregation === 'sum' ? 0 : null;
