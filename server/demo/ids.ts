import { normaliseSalesforceId } from '../../lib/contract/identifiers.ts';
import type { Random } from './random.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

export const SALESFORCE_PREFIX = { account: '001', contact: '003', lead: '00Q', opportunity: '006', case: '500' } as const;

/**
 * Mints Salesforce ids the way an org shows them: key prefix, instance ("5g"), reserved zeros, then
 * seven case-sensitive characters; returned as the 18-character form with its checksum. An affine map
 * modulo 62^7 (its multiplier coprime to 2 and 31) scrambles the sequence without ever repeating.
 */
export function salesforceIdMinter(): (object: keyof typeof SALESFORCE_PREFIX) => string {
  const counters = new Map<string, bigint>();
  const space = 62n ** 7n;
  return (object) => {
    const prefix = SALESFORCE_PREFIX[object];
    const n = (counters.get(object) ?? 0n) + 1n;
    counters.set(object, n);
    const offset = BigInt(prefix.charCodeAt(0) * 7919 + prefix.charCodeAt(1) * 104_729 + prefix.charCodeAt(2) * 1_299_709);
    let value = (n * 1_853_020_188_851n + offset * 48_271n) % space;
    let tail = '';
    for (let i = 0; i < 7; i++) {
      tail = BASE62[Number(value % 62n)] + tail;
      value /= 62n;
    }
    return normaliseSalesforceId(`${prefix}5g000${tail}`)!;
  };
}

/** Stripe-style ids: `cus_`, `sub_`, `ch_` followed by random base62 characters. */
export function stripeId(random: Random, prefix: 'cus' | 'sub' | 'ch', length = prefix === 'cus' ? 14 : 24): string {
  return `${prefix}_${random.chars(BASE62, length)}`;
}

/** Intercom ids are MongoDB ObjectIds: 4 bytes of creation time, then 8 random bytes, in hex. */
export function intercomId(random: Random, createdAt: string): string {
  const seconds = Math.floor(Date.parse(createdAt) / 1000);
  return seconds.toString(16).padStart(8, '0') + random.chars(HEX, 16);
}

export function productId(random: Random, prefix: 'ws' | 'usr'): string {
  return `${prefix}_${random.chars(BASE62, prefix === 'ws' ? 10 : 12)}`;
}

/** Ensures a minted random id was not drawn before (a collision would silently merge two records). */
export function uniqueIds(): (mint: () => string) => string {
  const seen = new Set<string>();
  return (mint) => {
    for (;;) {
      const id = mint();
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
}
