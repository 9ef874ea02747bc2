import type { FieldRule } from './kind-rules.ts';
import { FREE_CONCEPTS } from './name-concepts.ts';
import { share } from './profile-table.ts';
import type { ColumnProfile, FieldMatch, TableProfile } from './types.ts';

const EXTRA_WORD_PENALTY = 0.15;

/** Concepts saying the id belongs to another system (a CRM id kept on a billing customer): never this table's own key. */
export const isForeign = (column: ColumnProfile): boolean => column.concepts.some((c) => c === 'external' || c.startsWith('sys:'));

/** The concepts left once the free ones and the table's own entity are set aside (`CUST_NO` in a customer table -> id). */
function coreConcepts(column: ColumnProfile, table: TableProfile): string[] {
  return column.concepts.filter((c) => !FREE_CONCEPTS.has(c) && c !== table.entity);
}

export function isOwnKey(column: ColumnProfile, table: TableProfile): boolean {
  const keys = table.columns.filter((c) => c.primaryKey);
  if (column.primaryKey && keys.length === 1) return true;
  if (isForeign(column) || table.entity === 'membership') return false;
  const core = coreConcepts(column, table);
  return core.length === 1 && core[0] === 'id';
}

const ENTITY_WORDS: Record<string, readonly string[]> = { user: ['user', 'requester'] };

/** A column pointing at another entity's row: `cust_no` in a user table, `workspace_id` in an event table. */
function referenceExtras(column: ColumnProfile, entity: string, table: TableProfile): number | null {
  const words = ENTITY_WORDS[entity] ?? [entity];
  if (table.entity === entity || isForeign(column) || isOwnKey(column, table)) return null;
  if (!column.concepts.includes('id') || !column.concepts.some((c) => words.includes(c))) return null;
  return column.concepts.filter((c) => c !== 'id' && !words.includes(c) && !FREE_CONCEPTS.has(c)).length;
}

/** How well a column's name fits a pattern, or null; words beyond the pattern's cost a little each. */
function nameFit(pattern: string, score: number, column: ColumnProfile, table: TableProfile): { score: number; note: string } | null {
  if (pattern === '@key') {
    if (!isOwnKey(column, table)) return null;
    return { score: column.primaryKey ? score : score * 0.9, note: column.primaryKey ? 'primary key' : 'named as the table’s key' };
  }
  if (pattern.startsWith('@ref:')) {
    const entity = pattern.slice('@ref:'.length);
    const extras = referenceExtras(column, entity, table);
    return extras === null ? null : { score: score - EXTRA_WORD_PENALTY * extras, note: `name reads as a reference to ${entity === 'account' ? 'an account' : `a ${entity}`}` };
  }
  const wanted = pattern.split(' ');
  if (!wanted.every((w) => column.concepts.includes(w))) return null;
  const extras = coreConcepts(column, table).filter((c) => !wanted.includes(c)).length;
  return { score: score - EXTRA_WORD_PENALTY * extras, note: `name reads as "${pattern}"` };
}

const TIME_FIELD = /(_at|_date)$/;

/** Scores one column for one field of a kind: name, type family and sampled values together. */
export function scoreColumn(rule: FieldRule, column: ColumnProfile, table: TableProfile, options: { sql: boolean }): FieldMatch | null {
  if (rule.not?.some((c) => column.concepts.includes(c))) return null;
  const stats = column.values;
  let expression: FieldMatch['expression'];
  const epochSeconds = column.family === 'integer' && share(stats, stats.epochSeconds) >= 0.9;
  const epochMillis = column.family === 'integer' && share(stats, stats.epochMillis) >= 0.9;
  if (rule.families && !rule.families.includes(column.family)) {
    const isTime = rule.families.includes('timestamp') && TIME_FIELD.test(rule.field);
    if (isTime && epochSeconds && options.sql) expression = 'epoch_seconds';
    else if (!(isTime && epochMillis)) return null;
  }
  if (column.family === 'array') {
    if (!options.sql) return null;
    expression = 'first_element';
  }

  let best: { score: number; note: string } | null = null;
  for (const [pattern, score] of rule.names) {
    const fit = nameFit(pattern, score, column, table);
    if (fit && (!best || fit.score > best.score)) best = fit;
  }
  const notes: string[] = best ? [best.note] : [];
  let score = best?.score ?? 0;
  const seen = (count: number, what: string) => `${count}/${stats.nonNull} sampled values ${what}`;

  const valueCheck = (count: number, what: string, alone: number) => {
    const ratio = share(stats, count);
    if (ratio >= 0.8) {
      score = best ? score + 0.15 : alone;
      notes.push(seen(count, what));
    } else if (best && stats.nonNull >= 5 && ratio < 0.3) {
      score -= 0.3;
      notes.push(`only ${seen(count, what)}`);
    }
  };
  if (rule.values === 'email') valueCheck(stats.email, 'are emails', 0.75);
  else if (rule.values === 'domain') valueCheck(stats.domain, 'look like domains', 0.6);
  else if (rule.values === 'json') valueCheck(stats.json, 'are JSON objects', column.family === 'json' ? 0.7 : 0.6);
  else if (Array.isArray(rule.values)) {
    const allowed = new Set<string>(rule.values);
    valueCheck(stats.top.reduce((n, [value, count]) => n + (allowed.has(value) ? count : 0), 0), `are ones the contract allows (${[...allowed].join(', ')})`, 0.6);
  }
  if (rule.values === 'unique' && best && stats.nonNull > 1) {
    if (stats.distinct === stats.nonNull) notes.push('unique in the sample');
    else {
      score -= 0.3;
      notes.push(`repeats in the sample (${stats.distinct} distinct of ${stats.nonNull})`);
    }
  }
  if (rule.values === 'few' && best && stats.nonNull >= 10 && stats.distinct <= stats.nonNull / 2) notes.push(`${stats.distinct} distinct values in ${stats.nonNull}`);
  if (best && stats.sampled > 0 && stats.nonNull === 0) {
    score *= 0.5;
    notes.push('empty in the sample');
  }
  if (expression === 'epoch_seconds') notes.push('seconds since 1970, converted');
  if (epochMillis && !rule.families?.includes(column.family)) notes.push('milliseconds since 1970');
  if (score <= 0) return null;
  return { field: rule.field, columns: [column.name], score: Math.min(1, score), reason: `${column.name}: ${notes.join('; ')}`, ...(expression ? { expression } : {}) };
}
