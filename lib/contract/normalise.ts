/**
 * The pure normalisers behind `normaliseIdentifier`, in a module without zod: the content scripts import
 * them, and a content script carries detection only (DESIGN section 10: tens of KB, not hundreds).
 */

/** Emails compare case-insensitively and without surrounding whitespace (RFC 5321 local parts are case-sensitive in theory, never in practice). */
export function normaliseEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

export function normaliseDomain(value: string): string | null {
  const domain = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '')
    .replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

const SALESFORCE_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * Salesforce ids come as 15 case-sensitive or 18 case-insensitive characters; the last three
 * characters of an 18-character id encode the case of the first 15.
 * https://help.salesforce.com/s/articleView?id=000385585
 */
export function normaliseSalesforceId(value: string): string | null {
  const id = value.trim();
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id)) return null;
  const base = id.slice(0, 15);
  if (id.length === 18) {
    // Restore the case of the first 15 characters from the checksum, so ids typed in any case compare equal.
    const suffix = id.slice(15).toUpperCase();
    let restored = '';
    for (let chunk = 0; chunk < 3; chunk++) {
      const bits = SALESFORCE_SUFFIX_ALPHABET.indexOf(suffix[chunk]!);
      if (bits < 0) return null;
      for (let i = 0; i < 5; i++) {
        const ch = base[chunk * 5 + i]!;
        restored += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
      }
    }
    return restored + suffix;
  }
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = base[chunk * 5 + i]!;
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SALESFORCE_SUFFIX_ALPHABET[bits];
  }
  return base + suffix;
}

export const SALESFORCE_KEY_PREFIXES = {
  '001': 'Account',
  '003': 'Contact',
  '00Q': 'Lead',
  '500': 'Case',
  '006': 'Opportunity',
} as const;
export type SalesforceObject = (typeof SALESFORCE_KEY_PREFIXES)[keyof typeof SALESFORCE_KEY_PREFIXES];

export function salesforceObjectOf(id: string): SalesforceObject | null {
  return (SALESFORCE_KEY_PREFIXES as Record<string, SalesforceObject>)[id.slice(0, 3)] ?? null;
}
