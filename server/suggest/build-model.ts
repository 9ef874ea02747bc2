import { knownColumns } from '../../lib/contract/index.ts';
import { quoteIdentifier } from '../sources/cursor.ts';
import { splitWords } from './name-concepts.ts';
import type { ColumnPick } from './pick-cursor.ts';
import type { SameAsPick } from './same-as.ts';
import { staffFilterHint } from './staff-filter-hint.ts';
import type { ModelInput } from './suggest-result.ts';
import type { ColumnProfile, FieldMatch, TableMatch } from './types.ts';

export type Dialect = 'postgres' | 'mysql' | 'csv';

const SIMPLE = /^[a-z_][a-z0-9_]*$/;
// Words either dialect refuses as a bare column name; quoting them is always safe.
const RESERVED = new Set(['all', 'and', 'as', 'asc', 'between', 'by', 'case', 'check', 'column', 'constraint', 'create', 'current_date', 'current_time', 'current_timestamp', 'current_user', 'default', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'for', 'foreign', 'from', 'grant', 'group', 'having', 'in', 'index', 'interval', 'into', 'is', 'join', 'key', 'keys', 'left', 'like', 'limit', 'not', 'null', 'offset', 'on', 'or', 'order', 'primary', 'range', 'rank', 'references', 'right', 'row', 'rows', 'select', 'table', 'then', 'to', 'true', 'union', 'unique', 'user', 'using', 'when', 'where', 'window', 'with']);
const SECRET = /(pass(word)?|pwd|hash|salt|secret|token|api_?key|ssn|cvv|card_?number)/i;
const MAX_EXTRA_COLUMNS = 40;

/** A column or table name as SQL: bare when it can be, quoted otherwise (`"CUST_NO"`, `` `user` ``). */
export function sqlName(name: string, dialect: 'postgres' | 'mysql'): string {
  return SIMPLE.test(name) && !RESERVED.has(name) ? name : quoteIdentifier(name, dialect === 'mysql' ? '`' : '"');
}

/** The name a column gets in the model's rows when it is kept as a property: `Monthly spend` -> monthly_spend. */
export function propertyName(column: string): string {
  const snake = splitWords(column).join('_') || 'column';
  return /^[a-z]/.test(snake) ? snake : `c_${snake}`;
}

/** A model name the config accepts: `<source>_<table>`. */
export function modelName(source: string, table: string): string {
  return `${source}_${propertyName(table)}`.replace(/[^a-z0-9_]/g, '_').slice(0, 63);
}

function fieldExpression(match: FieldMatch, dialect: 'postgres' | 'mysql'): string {
  const [first, second] = match.columns.map((c) => sqlName(c, dialect));
  switch (match.expression) {
    case 'concat_name':
      return `nullif(trim(concat_ws(' ', ${first}, ${second})), '')`;
    case 'first_element':
      return `${first}[1]`;
    case 'epoch_seconds':
      return dialect === 'mysql' ? `from_unixtime(${first})` : `to_timestamp(${first})`;
    default:
      return first!;
  }
}

export interface BuiltModel {
  model: ModelInput;
  /** The output name of each source column the model keeps. */
  outputOf: Map<string, string>;
  notes: string[];
}

interface Picks {
  cursor: ColumnPick | null;
  softDelete: ColumnPick | null;
  sameAs: SameAsPick[];
}

/**
 * The model for a match: SQL that aliases each column to the kind's name and keeps the table's other columns
 * as properties, or for a CSV file the `columns` renames. Secrets-looking columns are left out of SQL.
 */
export function buildModel(match: TableMatch, source: string, dialect: Dialect, picks: Picks): BuiltModel {
  const outputOf = new Map<string, string>();
  const used = new Set<string>();
  const notes: string[] = [];
  const parts: { expression: string; alias: string }[] = [];
  const keep = (column: string, alias: string, expression?: string) => {
    outputOf.set(column, alias);
    used.add(alias);
    parts.push({ expression: expression ?? column, alias });
  };

  for (const field of match.fields) {
    const expression = dialect === 'csv' ? field.columns[0]! : fieldExpression(field, dialect);
    if (field.columns.length === 1) outputOf.set(field.columns[0]!, field.field);
    used.add(field.field);
    parts.push({ expression, alias: field.field });
  }
  const taken = (alias: string) => used.has(alias) || knownColumns(match.kind).has(alias);
  const special = [picks.cursor?.column, picks.softDelete?.column, ...picks.sameAs.map((s) => s.column)].filter((c): c is string => Boolean(c));
  const rest: ColumnProfile[] = match.table.columns.filter((c) => !outputOf.has(c.name) && !match.fields.some((f) => f.columns.includes(c.name)));
  const ordered = [...rest.filter((c) => special.includes(c.name)), ...rest.filter((c) => !special.includes(c.name))];
  let extras = 0;
  for (const column of ordered) {
    const alias = propertyName(column.name);
    const isSpecial = special.includes(column.name);
    if (dialect !== 'csv' && !isSpecial && SECRET.test(column.name)) {
      notes.push(`left out ${column.name}: it looks like a secret`);
      continue;
    }
    if (taken(alias)) {
      if (dialect !== 'csv') notes.push(`left out ${column.name}: its name would clash with ${alias}`);
      continue;
    }
    if (!isSpecial && (extras >= MAX_EXTRA_COLUMNS || column.family === 'other')) continue;
    if (!isSpecial) extras++;
    keep(column.name, alias, dialect === 'csv' ? column.name : sqlName(column.name, dialect));
  }

  const staff = dialect === 'csv' ? null : staffFilterHint(match, (name) => sqlName(name, dialect));
  if (staff) notes.push(staff);
  const table = match.table.info;
  const model: ModelInput = { name: modelName(source, table.name), kind: match.kind, source };
  if (dialect === 'csv') {
    model.file = table.file ?? `${table.name}.csv`;
    const renames = Object.fromEntries(parts.filter((p) => p.expression !== p.alias).map((p) => [p.expression, p.alias]));
    if (Object.keys(renames).length) model.columns = renames;
  } else {
    const from = dialect === 'postgres' && table.schema ? `${sqlName(table.schema, dialect)}.${sqlName(table.name, dialect)}` : sqlName(table.name, dialect);
    model.sql = selectSql(parts, from);
  }
  if (picks.cursor) model.cursor = outputOf.get(picks.cursor.column) ?? picks.cursor.column;
  if (picks.softDelete) model.softDelete = outputOf.get(picks.softDelete.column) ?? picks.softDelete.column;
  if (picks.cursor && !picks.softDelete) model.fullRefreshHours = 24;
  const sameAs = picks.sameAs.filter((s) => s.source !== null && outputOf.has(s.column));
  if (sameAs.length) model.sameAs = sameAs.map((s) => ({ column: outputOf.get(s.column)!, source: s.source! }));
  return { model, outputOf, notes };
}

/** `select a, b as c, …` wrapped near 100 characters, then `from`. */
function selectSql(parts: { expression: string; alias: string }[], from: string): string {
  const items = parts.map((p) => (p.expression === p.alias ? p.expression : `${p.expression} as ${p.alias}`));
  const lines: string[] = [];
  let line = 'select';
  for (const [i, item] of items.entries()) {
    const piece = `${item}${i < items.length - 1 ? ',' : ''}`;
    if (line.length + piece.length + 1 > 100 && line.trim() !== 'select') {
      lines.push(line);
      line = `  ${piece}`;
    } else line += ` ${piece}`;
  }
  lines.push(line, `from ${from}`);
  return lines.join('\n');
}
