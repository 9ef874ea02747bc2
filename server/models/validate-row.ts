import { ROW_SCHEMAS, type ModelKind } from '../../lib/contract/index.ts';
import { unstorableText } from './storable-text.ts';

export type RowVerdict =
  | { ok: true; parsed: Record<string, unknown> }
  | { ok: false; reason: string; issues: { path: string; message: string }[] };

const MAX_CELL_CHARS = 100_000;

/** Checks one source row against its kind's contract; the reason names every failing column. */
export function validateRow(kind: ModelKind, row: Record<string, unknown>): RowVerdict {
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
      const message = `value longer than ${MAX_CELL_CHARS} characters`;
      return { ok: false, reason: `${key}: ${message}`, issues: [{ path: key, message }] };
    }
    // Text the store cannot hold would fail the whole batch: the row goes to quarantine instead.
    const unstorable = unstorableText(value);
    if (unstorable) return { ok: false, reason: `${key}: ${unstorable}`, issues: [{ path: key, message: unstorable }] };
  }
  const result = ROW_SCHEMAS[kind].safeParse(row);
  if (result.success) return { ok: true, parsed: result.data as Record<string, unknown> };
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(row)',
    message: issue.code === 'invalid_type' && row[String(issue.path[0])] === undefined ? 'missing' : issue.message,
  }));
  return { ok: false, reason: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}
