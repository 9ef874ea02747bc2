/**
 * Where a request value holds a NUL character (U+0000), or null. PostgreSQL text cannot hold one, so a
 * NUL reaching a query fails it with an error the server would report as its own fault; requests carrying
 * one are refused at the edge instead. Keys count too: a JSON object key ends up in the store as text.
 */
export function findNulText(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = findNulText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
