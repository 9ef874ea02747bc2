import type { ModelKind } from '../../lib/contract/index.ts';
import { KIND_RULES, type KindRules } from './kind-rules.ts';
import { scoreColumn } from './score-column.ts';
import type { FieldMatch, TableMatch, TableProfile } from './types.ts';

/** A column must score at least this to fill a field. */
export const MIN_FIELD_SCORE = 0.35;

/** With no name column, `first_name` + `last_name` make one (SQL sources only: a CSV model can only rename). */
function composedName(table: TableProfile, used: Set<string>): FieldMatch | null {
  const part = (which: string) =>
    table.columns.find((c) => !used.has(c.name) && c.family === 'text' && c.concepts.includes(which) && c.concepts.includes('name'));
  const first = part('first');
  const last = part('last');
  if (!first || !last) return null;
  return { field: 'name', columns: [first.name, last.name], score: 0.8, reason: `${first.name} + ${last.name}: first and last name put together`, expression: 'concat_name' };
}

function filledRequired(rules: KindRules, fields: Map<string, FieldMatch>): string {
  const anyOf = rules.anyOf?.filter((field) => fields.has(field)) ?? [];
  const required = rules.required.join(', ');
  if (!anyOf.length) return required;
  const either = `${anyOf.join(' and ')} (${rules.anyOf!.join(' or ')} is needed)`;
  return required ? `${required}; ${either}` : either;
}

/**
 * Fills a kind's columns from one table, best pairs first, one column per field, and scores the table:
 * its name, how well it fills the required columns, and how many of the optional ones it fills.
 */
export function matchTable(kind: ModelKind, table: TableProfile, options: { sql: boolean }): TableMatch {
  const rules = KIND_RULES[kind];
  const candidates = rules.fields
    .flatMap((rule) => table.columns.map((column) => scoreColumn(rule, column, table, options)))
    .filter((m): m is FieldMatch => m !== null && m.score >= MIN_FIELD_SCORE)
    .sort((a, b) => b.score - a.score);
  const fields = new Map<string, FieldMatch>();
  const used = new Set<string>();
  for (const match of candidates) {
    if (fields.has(match.field) || used.has(match.columns[0]!)) continue;
    fields.set(match.field, match);
    used.add(match.columns[0]!);
  }
  if (kind === 'users' && !fields.has('name') && options.sql) {
    const name = composedName(table, used);
    if (name) fields.set('name', name);
  }

  const missing = rules.required.filter((field) => !fields.has(field));
  if (rules.anyOf && !rules.anyOf.some((field) => fields.has(field))) missing.push(rules.anyOf.join(' or '));
  const optional = rules.fields.filter((rule) => !rules.required.includes(rule.field));
  const requiredScore = rules.required.length ? rules.required.reduce((sum, field) => sum + (fields.get(field)?.score ?? 0), 0) / rules.required.length : 1;
  const optionalScore = optional.reduce((sum, rule) => sum + (fields.get(rule.field)?.score ?? 0), 0) / Math.max(1, optional.length);
  const nameScore = table.entity === rules.entity ? 1 : table.entity === null ? 0.4 : 0;

  const reasons = [
    table.entity === rules.entity
      ? `the table's name reads as ${rules.entity}`
      : table.entity
        ? `the table's name reads as ${table.entity}, not ${rules.entity}`
        : `the table's name says nothing about ${rules.entity}s; its columns decide`,
    missing.length ? `cannot fill the required ${missing.join(', ')}` : `fills the required ${filledRequired(rules, fields)}`,
    `fills ${optional.filter((rule) => fields.has(rule.field)).length} of ${optional.length} optional columns`,
  ];
  let score = 0.35 * nameScore + 0.45 * requiredScore + 0.2 * optionalScore;
  // A table named for another entity (leads, for conversations) is that entity's, however its columns fit.
  if (table.entity !== null && table.entity !== rules.entity) score *= 0.6;
  if (missing.length) score *= 0.5;
  if (table.info.sample.length === 0) {
    score *= 0.8;
    reasons.push('the table is empty');
  }
  const ordered = rules.fields.map((rule) => fields.get(rule.field)).filter((m): m is FieldMatch => m !== undefined);
  return { kind, table, fields: ordered, missing, score: Math.round(score * 100) / 100, reasons };
}
