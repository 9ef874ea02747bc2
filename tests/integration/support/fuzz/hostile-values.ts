import fc from 'fast-check';

/**
 * Values that break servers: NUL bytes, lone surrogates, path traversal, SQL and template injection,
 * numbers past every range, very long text, and text that only looks like a number or a date.
 */
export const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\uffff',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '🙂👩‍👩‍👧',
  'Ünïcødé',
  '../',
  '../../etc/passwd',
  '..%2F..%2F',
  '%',
  '%zz',
  '%00',
  '%E0%A4%A',
  "' or '1'='1",
  "1; drop table tokens; --",
  '") or 1=1 --',
  '$1',
  '\\',
  '\\x00',
  '{"$gt": ""}',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  'null',
  'undefined',
  'true',
  '-1',
  '0',
  '1e309',
  '-1e309',
  '99999999999999999999',
  '9223372036854775808',
  'NaN',
  'Infinity',
  '0x10',
  '2024-13-45T25:61:61Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999+14:00',
  '1970-01-01T00:00:00Z',
  'all',
  '*',
  '\r\nX-Injected: 1',
  'a'.repeat(101),
  'é'.repeat(5000),
];

export const HOSTILE_NUMBERS: unknown[] = [0, -1, 1.5, -0, 2 ** 53 + 1, 1e20, 1e308, -1e308, 2147483648, 9007199254740993n.toString(), Number.MIN_VALUE];

/** Any text, weighted towards the hostile list, with long and arbitrary unicode text mixed in. */
export function hostileText(known: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    { weight: known.length ? 8 : 0, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant('') },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...known, 'id'), fc.constantFrom(...HOSTILE_TEXT)).map(([a, b]) => a + b) },
  );
}

/** Percent-encodes everything but unreserved characters, and survives lone surrogates (encodeURIComponent throws on them). */
export function encodeSegment(text: string): string {
  return [...text.toWellFormed()].map((ch) => (/[A-Za-z0-9\-_.~]/.test(ch) ? ch : encodeURIComponent(ch))).join('');
}

/** A path segment as a client might send it: encoded, or raw with what URL parsing lets through. */
export function hostileSegment(known: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: hostileText(known).map(encodeSegment) },
    { weight: 1, arbitrary: fc.constantFrom('..', '.', '%2e%2e', '..%2f..%2fhealthz', '%00', '%zz', '%E0%A4%A', '%ff%fe', ';x=1', 'a%2Fb', '%20') },
  );
}
