import type { Property } from '../../lib/contract/index.ts';

/**
 * A personal value as a role that may not read it sees it: enough to tell two apart, not enough to use.
 * Emails keep their first letter and domain, other text its last two characters.
 */
export function maskValue(value: Property['value']): Property['value'] {
  if (value === null || typeof value === 'boolean') return value;
  const text = String(value);
  const at = text.lastIndexOf('@');
  if (at > 0) return `${text[0]}•••${text.slice(at)}`;
  return text.length <= 4 ? '•••' : `•••${text.slice(-2)}`;
}
