/**
 * Dates as people write them in exports: ISO (`1984-07-02`, with a time or not), compact (`19840702`, as in
 * FEBRL), and day-first or month-first with slashes, dots or dashes. Ambiguous `02/07/1984` is read day-first
 * unless the first part cannot be a month's day; the "day and month swapped" level forgives the other reading.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const PEOPLE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function isValidDate(year: number, month: number, day: number): boolean {
  return year >= 1000 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

export function parseDate(text: string): CalendarDate | null {
  const t = text.trim();
  let m = ISO.exec(t) ?? COMPACT.exec(t);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidDate(year, month, day) ? { year, month, day } : null;
  }
  m = PEOPLE.exec(t);
  if (!m) return null;
  const [first, second, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (isValidDate(year, second, first)) return { year, month: second, day: first };
  return isValidDate(year, first, second) ? { year, month: first, day: second } : null;
}

/** `YYYYMMDD`: one spelling per date, so exact and edit-distance levels compare like with like. */
export const compactDate = (d: CalendarDate): string => `${String(d.year).padStart(4, '0')}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;

/** Days since 1970-01-01, for "within N days". */
export const dayNumber = (d: CalendarDate): number => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
