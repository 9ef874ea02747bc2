import { UndecodableText } from '../sources/undecodable-text.ts';

/**
 * PostgreSQL text and jsonb cannot hold a NUL character or an unpaired UTF-16 surrogate: a row holding one
 * would fail its whole batch (and so the run). These say where such text is, and make a value storable.
 */
const MAX_DEPTH = 20;

/** Why a cell cannot be stored as it is (searching nested JSON too), or null when it can. */
export function unstorableText(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
    if (!value.isWellFormed()) return 'contains an unpaired UTF-16 surrogate';
    return null;
  }
  if (value instanceof UndecodableText) return 'not valid UTF-8';
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const found = (typeof key === 'string' ? unstorableText(key, depth + 1) : null) ?? unstorableText(item, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The value as JSON the store can hold, for the quarantine (which keeps a row as the source gave it):
 * dates as ISO text, bigints as text, bytes as base64, NUL and unpaired surrogates replaced by U+FFFD.
 */
export function storableJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.toWellFormed().replaceAll('\u0000', '\uFFFD');
  if (value instanceof UndecodableText) return value.text;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => storableJson(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableJson(key, depth + 1) as string, storableJson(item, depth + 1)]));
}
