import type { ModelKind } from '../../lib/contract/index.ts';
import { share } from './profile-table.ts';
import type { ColumnProfile, TableMatch, TableProfile } from './types.ts';

export interface ColumnPick {
  column: string;
  reason: string;
}

/** Kinds whose rows never change once written: a creation time or an increasing id sees everything new. */
const APPEND_ONLY: readonly ModelKind[] = ['events'];

const isTime = (c: ColumnProfile) => c.family === 'timestamp' || c.family === 'date' || (c.family === 'integer' && share(c.values, c.values.epochSeconds + c.values.epochMillis) >= 0.9);
// A run quarantines a row whose cursor is empty, so a cursor must be filled in every sampled row.
const noNulls = (c: ColumnProfile) => c.values.nonNull === c.values.sampled;

/**
 * The column an incremental run can read past: a last-modified time for rows that change; for append-only
 * kinds, an id the database increments, else the time the row happened.
 */
export function pickCursor(match: TableMatch): ColumnPick | null {
  const columns = match.table.columns;
  const updated = columns.find((c) => c.concepts.includes('updated') && isTime(c));
  if (updated) {
    return noNulls(updated)
      ? { column: updated.name, reason: `${updated.name} looks like a last-modified time, filled in every sampled row: incremental runs read rows at or past its last value` }
      : null;
  }
  if (!APPEND_ONLY.includes(match.kind)) return null;
  const serial = columns.find((c) => c.autoIncrement && c.family === 'integer');
  if (serial) return { column: serial.name, reason: `${serial.name} is an id the database increments, and ${match.kind} are never changed once written` };
  const happened = match.fields.find((f) => f.field === 'occurred_at' || f.field === 'created_at');
  const column = happened && columns.find((c) => c.name === happened.columns[0]);
  if (column && noNulls(column)) return { column: column.name, reason: `${column.name} is when the row happened, and ${match.kind} are never changed once written` };
  return null;
}

const FLAG_TEXT = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 't', 'f', '0', '1']);
const isFlagText = (c: ColumnProfile) => c.values.top.every(([value]) => FLAG_TEXT.has(value.trim().toLowerCase()));

/** A column marking deleted rows (`deleted_at`, `is_deleted`, `DEL_FLG`), so incremental runs notice deletions. */
export function pickSoftDelete(table: TableProfile, options: { sql: boolean }): ColumnPick | null {
  const column = table.columns.find(
    (c) => c.concepts.includes('deleted') && (c.family === 'boolean' || c.family === 'integer' || (options.sql && (c.family === 'timestamp' || c.family === 'date')) || (c.family === 'text' && isFlagText(c))),
  );
  if (!column) return null;
  const what = column.family === 'timestamp' || column.family === 'date' ? 'a deletion time' : 'a deleted flag';
  return { column: column.name, reason: `${column.name} looks like ${what}: rows with it set are removed instead of kept` };
}
