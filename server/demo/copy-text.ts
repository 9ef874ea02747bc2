import type { Row, Value } from './company.ts';
import type { ColumnType } from './tables.ts';

/**
 * Rows as PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2):
 * tab-separated, `\N` for null, backslash escapes for backslash, newline, carriage return and tab.
 * Arrays are written as array literals, jsonb as JSON text; the server parses both as it would a literal.
 */
export function copyTextLines(rows: readonly Row[], columns: readonly (readonly [name: string, type: ColumnType, constraint?: string])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const [name, type] = columns[i]!;
      if (i > 0) out += '\t';
      out += copyTextValue(row[name], type);
    }
    out += '\n';
  }
  return out;
}

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (ch) => ESCAPES[ch]!) : text;
}

export function copyTextValue(value: Value | undefined, type: ColumnType): string {
  if (value === null || value === undefined) return '\\N';
  if (type === 'jsonb') return escapeText(JSON.stringify(value));
  if (type === 'text[]') {
    const items = value as string[];
    return escapeText(`{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return escapeText(String(value));
}
