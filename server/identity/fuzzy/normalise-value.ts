import { compactDate, parseDate } from './parse-date.ts';

/**
 * How a column's raw text becomes the value that is compared and blocked on. Exact levels mean "equal after
 * this", so `O'Brien` = `obrien`, `+44 20 7946 0000` = `442079460000`, `2 Jul 1984`… only where parseable.
 */
export type Normaliser = 'text' | 'email' | 'phone' | 'date' | 'number' | 'code';
export const NORMALISERS = ['text', 'email', 'phone', 'date', 'number', 'code'] as const satisfies readonly Normaliser[];

/** Spellings of "no value" that exports write instead of leaving the cell empty. */
const MISSING = new Set(['', 'null', 'nil', 'none', 'na', 'n/a', 'nan', '-', '?', 'unknown']);

export const isMissing = (raw: string | null | undefined): boolean => raw === null || raw === undefined || MISSING.has(raw.trim().toLowerCase());

/** Lower case, accents off, apostrophes dropped (O'Brien), any other punctuation a single space. */
export function plainText(raw: string): string {
  // Plain ASCII (most names and emails) needs no Unicode decomposition: the same result, several times faster.
  if (/^[\x20-\x7e]*$/.test(raw)) {
    return raw
      .toLowerCase()
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function normaliseValue(raw: string | null | undefined, how: Normaliser): string | null {
  if (isMissing(raw)) return null;
  const text = raw!.trim();
  let value: string;
  switch (how) {
    case 'text':
      value = plainText(text);
      break;
    case 'email':
      value = text.toLowerCase().replace(/^mailto:/, '');
      break;
    case 'phone':
      // `00` is the international prefix spelled out: 0044… and +44… are one number.
      value = text.replace(/\D/g, '').replace(/^00(?=[1-9])/, '');
      break;
    case 'date': {
      const date = parseDate(text);
      // An unparseable date is kept as its digits: a typo in `19651013` still sits one edit away from the truth.
      value = date ? compactDate(date) : text.replace(/\D/g, '');
      break;
    }
    case 'number': {
      const n = Number(text.replace(/[,\s]/g, ''));
      value = Number.isFinite(n) ? String(n) : plainText(text);
      break;
    }
    case 'code':
      value = plainText(text).replace(/ /g, '');
      break;
  }
  return value.length === 0 ? null : value;
}
