/**
 * An incremental model's position: the largest value of its cursor column seen so far. Typed, so each
 * source can write it back as a literal its SQL compares correctly (a timestamp, a number, a string).
 */
export type CursorValue = { type: 'date'; value: string } | { type: 'number'; value: string } | { type: 'text'; value: string };

export function cursorOf(raw: unknown): CursorValue | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : { type: 'date', value: raw.toISOString() };
  if (typeof raw === 'number' || typeof raw === 'bigint') return { type: 'number', value: String(raw) };
  if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())) return { type: 'number', value: raw.trim() };
  if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw)) && /^\d{4}-\d{2}-\d{2}/.test(raw)) return { type: 'date', value: new Date(raw).toISOString() };
  return { type: 'text', value: String(raw) };
}

export function compareCursors(a: CursorValue, b: CursorValue): number {
  if (a.type === 'number' && b.type === 'number') return Number(a.value) - Number(b.value);
  if (a.type === 'date' && b.type === 'date') return Date.parse(a.value) - Date.parse(b.value);
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

export function maxCursor(a: CursorValue | null, b: CursorValue | null): CursorValue | null {
  if (!a) return b;
  if (!b) return a;
  return compareCursors(a, b) >= 0 ? a : b;
}

export function parseStoredCursor(text: string | null): CursorValue | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as CursorValue;
    return parsed && typeof parsed.value === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** SQL text for a column name: double quotes (PostgreSQL) or backticks (MySQL), doubled inside. */
export function quoteIdentifier(name: string, quote: '"' | '`'): string {
  return `${quote}${name.replaceAll(quote, quote + quote)}${quote}`;
}

/** A model's SQL narrowed to rows at or past the cursor (>=: rows sharing the boundary value are re-read, never lost). */
export function sqlSince(sql: string, column: string, literal: string, quote: '"' | '`'): string {
  const inner = sql.trim().replace(/;\s*$/, '');
  return `select * from (${inner}) as sidelight_model where sidelight_model.${quoteIdentifier(column, quote)} >= ${literal}`;
}

export function sqlMax(sql: string, column: string, quote: '"' | '`'): string {
  const inner = sql.trim().replace(/;\s*$/, '');
  return `select max(sidelight_model.${quoteIdentifier(column, quote)}) as max_cursor from (${inner}) as sidelight_model`;
}
