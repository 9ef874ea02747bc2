import { isMissing, plainText } from './normalise-value.ts';
import { parseDate } from './parse-date.ts';

/** What a column's values look like: shares of emails, dates, phones, digits, words; distinct counts. */
export interface ValueProfile {
  present: number;
  distinctRatio: number;
  distinct: number;
  email: number;
  date: number;
  phone: number;
  digitsOnly: number;
  numeric: number;
  alphaOneWord: number;
  alphaWords: number;
  mixedWords: number;
  meanLength: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const PHONE = /^\+?[\d\s().-]{7,20}$/;

/** Shares of the present values that look like each shape (0..1). */
export function profileValues(values: readonly (string | null)[]): ValueProfile {
  let present = 0;
  const counts = { email: 0, date: 0, phone: 0, digitsOnly: 0, numeric: 0, alphaOneWord: 0, alphaWords: 0, mixedWords: 0, length: 0 };
  const distinct = new Set<string>();
  for (const raw of values) {
    if (isMissing(raw)) continue;
    const v = raw!.trim();
    present++;
    distinct.add(v.toLowerCase());
    counts.length += v.length;
    if (EMAIL.test(v)) counts.email++;
    const digits = v.replace(/\D/g, '');
    if (/^\d+$/.test(v)) counts.digitsOnly++;
    // Eight digits can be a compact date only when the year part is plausible for people.
    const date = parseDate(v);
    if (date && date.year >= 1850 && date.year <= 2100 && (!/^\d+$/.test(v) || v.length === 8)) counts.date++;
    if (PHONE.test(v) && digits.length >= 7 && digits.length <= 15 && /[\s().+-]/.test(v)) counts.phone++;
    if (v !== '' && Number.isFinite(Number(v.replace(/,/g, '')))) counts.numeric++;
    const words = plainText(v).split(' ').filter(Boolean);
    if (/^[\p{L}'’ .-]+$/u.test(v)) {
      if (words.length <= 1) counts.alphaOneWord++;
      else counts.alphaWords++;
    } else if (words.length > 1) counts.mixedWords++;
  }
  const share = (n: number) => (present === 0 ? 0 : n / present);
  return {
    present,
    distinct: distinct.size,
    distinctRatio: share(distinct.size),
    email: share(counts.email),
    date: share(counts.date),
    phone: share(counts.phone),
    digitsOnly: share(counts.digitsOnly),
    numeric: share(counts.numeric),
    alphaOneWord: share(counts.alphaOneWord),
    alphaWords: share(counts.alphaWords),
    mixedWords: share(counts.mixedWords),
    meanLength: share(counts.length),
  };
}
