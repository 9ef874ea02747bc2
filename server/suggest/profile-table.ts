import { conceptsOf, entityOf } from './name-concepts.ts';
import type { ColumnInfo, ColumnProfile, Family, TableInfo, TableProfile, ValueStats } from './types.ts';
import { epochUnit, exampleOf, idSystemOf, isDateText, isDomainLike, isEmail, isJsonObject } from './value-patterns.ts';

const DECLARED: [RegExp, Family][] = [
  [/^(boolean|bool|bit)$/, 'boolean'],
  [/^(smallint|integer|int|bigint|mediumint|tinyint|serial|bigserial|int[248])\b/, 'integer'],
  [/^(numeric|decimal|real|double|float|money)/, 'decimal'],
  [/^(timestamp|datetime)/, 'timestamp'],
  [/^date$/, 'date'],
  [/^jsonb?$/, 'json'],
  [/^(array|_)/, 'array'],
  [/^(text|character|char|varchar|citext|uuid|user-defined|enum|set|tinytext|mediumtext|longtext|name)\b/, 'text'],
];

/** The family a declared type belongs to (`timestamp with time zone` -> timestamp, `tinyint(1)` -> boolean). */
export function familyOfType(dataType: string): Family {
  const type = dataType.trim().toLowerCase();
  if (/^tinyint\(1\)/.test(type)) return 'boolean';
  return DECLARED.find(([pattern]) => pattern.test(type))?.[1] ?? 'other';
}

/** Text columns say more through their values: dates, numbers or JSON held as text (every CSV column). */
export function familyOfValues(values: unknown[]): Family | null {
  const texts = values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (texts.length === 0 || texts.length < values.length) return null;
  if (texts.every(isDateText)) return 'timestamp';
  if (texts.every((t) => /^-?\d{1,15}$/.test(t.trim()))) return 'integer';
  if (texts.every((t) => /^-?\d+(\.\d+)?$/.test(t.trim()))) return 'decimal';
  if (texts.every((t) => /^(true|false)$/i.test(t.trim()))) return 'boolean';
  if (texts.every(isJsonObject)) return 'json';
  return null;
}

function topValues(present: unknown[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of present) if (typeof value !== 'object') counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20);
}

export function valueStats(values: unknown[]): ValueStats {
  const present = values.filter((v) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === ''));
  const stats: ValueStats = {
    sampled: values.length,
    nonNull: present.length,
    distinct: new Set(present.map((v) => exampleOf(v))).size,
    email: 0,
    domain: 0,
    date: 0,
    json: 0,
    epochSeconds: 0,
    epochMillis: 0,
    idSystems: {},
    top: topValues(present),
    examples: [...new Set(present.slice(0, 12).map(exampleOf))].slice(0, 3),
  };
  for (const value of present) {
    const first = Array.isArray(value) ? value[0] : value; // a text[] of domains reads as its first
    if (typeof first === 'string') {
      if (isEmail(first)) stats.email++;
      else if (isDomainLike(first)) stats.domain++;
      if (isDateText(first)) stats.date++;
    }
    if (value instanceof Date) stats.date++;
    if (isJsonObject(value)) stats.json++;
    const epoch = epochUnit(value);
    if (epoch === 'seconds') stats.epochSeconds++;
    if (epoch === 'milliseconds') stats.epochMillis++;
    const system = idSystemOf(value);
    if (system) stats.idSystems[system] = (stats.idSystems[system] ?? 0) + 1;
  }
  return stats;
}

export function profileColumn(column: ColumnInfo, values: unknown[]): ColumnProfile {
  const declared = familyOfType(column.dataType);
  const family = declared === 'text' || declared === 'other' ? (familyOfValues(values) ?? declared) : declared;
  return { ...column, concepts: conceptsOf(column.name), family, values: valueStats(values) };
}

export function profileTable(info: TableInfo): TableProfile {
  const label = info.file ?? (info.schema ? `${info.schema}.${info.name}` : info.name);
  return {
    info,
    label,
    entity: entityOf(info.name),
    columns: info.columns.map((column) => profileColumn(column, info.sample.map((row) => row[column.name]))),
  };
}

/** Share of a column's non-null sampled values that pass a count (0 when nothing was sampled). */
export function share(stats: ValueStats, count: number): number {
  return stats.nonNull === 0 ? 0 : count / stats.nonNull;
}
