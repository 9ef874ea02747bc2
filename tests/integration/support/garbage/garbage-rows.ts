/**
 * Subscription rows for a source that is mostly good and partly garbage. Every bad row breaks exactly one
 * thing of a good row and says how the contract must name it; good rows carry hostile but valid text
 * (SQL, quotes, right-to-left and emoji, backslashes) that must come through unchanged.
 */
import { seededRandom } from '../../../../server/identity/fuzzy/seeded-random.ts';

export type Cell = string | number | boolean | null | object | Buffer;

export interface GarbageRow {
  n: number;
  cells: Record<string, Cell>;
  /** null: a good row; else the start of the reason the quarantine must give. */
  reason: string | null;
}

export const COLUMNS = ['n', 'id', 'account_id', 'plan', 'status', 'mrr', 'currency', 'seats', 'started_at', 'ended_at', 'note'] as const;

const HOSTILE_GOOD_TEXT = [
  "Robert'); DROP TABLE source_records; --",
  "' or '1'='1",
  '1; delete from quarantine where true; --',
  '$$ language plpgsql $$',
  '\\x00 is not a NUL',
  '"quoted", with, commas',
  'line one\nline two',
  'مرحبا بالعالم',
  '👩‍👩‍👧 family plan 🙂',
  '%s %d {{template}} ${injection}',
  '<img src=x onerror=alert(1)>',
];

type Breaker = { weight: number; reason: string; csv: boolean; pg: boolean; huge?: boolean; apply(cells: Record<string, Cell>, n: number): void };
const MB = 'x'.repeat(1024 * 1024);

/** Each way a row goes bad, for which source it can happen, and the reason the contract must give. */
const BREAKERS: Breaker[] = [
  { weight: 2, reason: 'id:', csv: false, pg: true, apply: (c, n) => (c.id = { oid: n }) },
  { weight: 2, reason: 'id:', csv: false, pg: true, apply: (c, n) => (c.id = [n, n]) },
  { weight: 1, reason: 'id:', csv: false, pg: true, apply: (c) => (c.id = true) },
  { weight: 1, reason: 'id:', csv: false, pg: true, apply: (c, n) => (c.id = n + 0.5) },
  { weight: 2, reason: 'id: missing', csv: false, pg: true, apply: (c) => (c.id = null) },
  { weight: 2, reason: 'id: id is empty', csv: false, pg: true, apply: (c) => (c.id = '   ') },
  { weight: 2, reason: 'id:', csv: true, pg: true, apply: (c, n) => (c.id = `long_${n}_${'i'.repeat(300)}`) },
  { weight: 3, reason: 'account_id:', csv: true, pg: true, apply: (c) => (c.account_id = null) },
  { weight: 2, reason: 'plan:', csv: false, pg: true, apply: (c) => (c.plan = { tier: 'pro' }) },
  { weight: 2, reason: 'plan: plan is empty', csv: true, pg: true, apply: (c) => (c.plan = ' ') },
  { weight: 2, reason: 'status:', csv: false, pg: true, apply: (c) => (c.status = 3) },
  { weight: 2, reason: 'status:', csv: true, pg: true, apply: (c) => (c.status = 'zombie') },
  { weight: 2, reason: 'mrr: not a number', csv: true, pg: true, apply: (c) => (c.mrr = 'lots') },
  { weight: 2, reason: 'mrr: mrr is negative', csv: true, pg: true, apply: (c) => (c.mrr = -5) },
  { weight: 1, reason: 'mrr:', csv: false, pg: true, apply: (c) => (c.mrr = { amount: 5 }) },
  { weight: 3, reason: 'started_at: not a date', csv: true, pg: true, apply: (c) => (c.started_at = '2023-02-30') },
  { weight: 2, reason: 'started_at: not a date', csv: true, pg: true, apply: (c) => (c.started_at = '2024-04-31T10:00:00Z') },
  { weight: 2, reason: 'started_at: not a date', csv: true, pg: true, apply: (c) => (c.started_at = '2024-13-01') },
  { weight: 2, reason: 'started_at: date before 1990', csv: true, pg: true, apply: (c) => (c.started_at = '1899-12-31') },
  { weight: 2, reason: 'started_at: date in the future', csv: true, pg: true, apply: (c) => (c.started_at = '2999-01-01') },
  { weight: 2, reason: 'started_at: not a date', csv: true, pg: true, apply: (c) => (c.started_at = 'yesterday') },
  { weight: 1, reason: 'started_at: not a date', csv: false, pg: true, apply: (c) => (c.started_at = true) },
  { weight: 2, reason: 'ended_at: date more than 20 years ahead', csv: true, pg: true, apply: (c) => (c.ended_at = '2200-01-01') },
  { weight: 2, reason: 'currency:', csv: true, pg: true, apply: (c) => (c.currency = 'EURO') },
  { weight: 2, reason: 'seats:', csv: true, pg: true, apply: (c) => (c.seats = '2.5') },
  { weight: 2, reason: "plan: value longer than", csv: true, pg: true, huge: true, apply: (c) => (c.plan = MB) },
  { weight: 1, reason: "note: value longer than", csv: true, pg: true, huge: true, apply: (c) => (c.note = MB) },
  { weight: 1, reason: 'id: value longer than', csv: true, pg: true, huge: true, apply: (c, n) => (c.id = `${n}${MB}`) },
  { weight: 3, reason: 'plan: not valid UTF-8', csv: true, pg: false, apply: (c) => (c.plan = Buffer.from([0x70, 0x72, 0xff, 0xfe, 0x6f])) },
  { weight: 2, reason: 'note: not valid UTF-8', csv: true, pg: false, apply: (c) => (c.note = Buffer.from([0xc3, 0x28, 0x61])) },
  { weight: 3, reason: 'plan: contains a NUL character', csv: true, pg: false, apply: (c) => (c.plan = 'pro\u0000plus') },
  { weight: 2, reason: 'id: contains a NUL character', csv: true, pg: false, apply: (c, n) => (c.id = `sub_${n}\u0000x`) },
];

// A seeded generator, so a failing run can be repeated (the crash soak draws from it too).
export { seededRandom };

function goodRow(n: number, random: () => number): Record<string, Cell> {
  const hostile = random() < 0.2;
  const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 3000) * 86_400_000);
  const id = hostile && random() < 0.3 ? `sub_${n}'); delete from source_records; --` : `sub_${n}`;
  return {
    n,
    id,
    account_id: `acc_${n % 5000}`,
    plan: ['starter', 'pro', 'enterprise'][n % 3]!,
    status: ['active', 'trialing', 'past_due', 'canceled'][n % 4]!,
    mrr: String(Math.round(random() * 100_000) / 100),
    currency: 'USD',
    seats: String(1 + (n % 50)),
    started_at: day.toISOString(),
    ended_at: null,
    note: hostile ? HOSTILE_GOOD_TEXT[n % HOSTILE_GOOD_TEXT.length]! : `note ${n}`,
  };
}

/**
 * `good` good rows and `bad` bad rows, shuffled together by a seeded generator; at most `huge` bad rows
 * carry a 1 MB value. `source` picks the ways of going bad that source can hold.
 */
export function* garbageRows(options: { good: number; bad: number; huge: number; seed: number; source: 'pg' | 'csv' }): Generator<GarbageRow> {
  const random = seededRandom(options.seed);
  const usable = BREAKERS.filter((b) => b[options.source]);
  const total = options.good + options.bad;
  let badLeft = options.bad;
  let hugeLeft = options.huge;
  for (let n = 1; n <= total; n++) {
    const cells = goodRow(n, random);
    const rowsLeft = total - n + 1;
    if (badLeft > 0 && random() < badLeft / rowsLeft) {
      badLeft--;
      const candidates = usable.filter((b) => !b.huge || hugeLeft > 0);
      const breaker = pickWeighted(candidates, random);
      if (breaker.huge) hugeLeft--;
      breaker.apply(cells, n);
      yield { n, cells, reason: breaker.reason };
    } else {
      yield { n, cells, reason: null };
    }
  }
}

function pickWeighted(breakers: Breaker[], random: () => number): Breaker {
  const total = breakers.reduce((sum, b) => sum + b.weight, 0);
  let at = random() * total;
  for (const b of breakers) {
    at -= b.weight;
    if (at < 0) return b;
  }
  return breakers[breakers.length - 1]!;
}
