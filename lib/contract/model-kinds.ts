import { z } from 'zod';

/**
 * The contract every row of a data model must meet before it becomes a source record.
 * Columns a kind does not name are kept as extra properties; see `splitRow` in the runner.
 */

const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST_SLACK_MS = 2 * 24 * 3600 * 1000;

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

export const RecordId = z
  .union([z.string(), z.number().int(), z.bigint()], { error: (issue) => (issue.input === null || issue.input === undefined ? 'missing' : 'not an id') })
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1, 'id is empty').max(255));

const optionalId = z.preprocess(blankToNull, RecordId.nullish());
const optionalText = z.preprocess(blankToNull, z.string().max(10_000).nullish());

const CALENDAR_DATE = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/;

/**
 * False for a year-month-day that is not on the calendar (2023-02-30, 2024-04-31): JavaScript's Date
 * rolls such a day over into the next month instead of refusing it.
 */
function onCalendar(text: string): boolean {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return true;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function timestamp(latestMs: () => number, tooLate: string) {
  return z.preprocess(
    (value) => {
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
      if (value instanceof Date) return value;
      if (typeof value === 'number') return new Date(value);
      if (typeof value === 'string' && !onCalendar(value)) return new Date(Number.NaN);
      if (typeof value === 'string') return new Date(/^\d+$/.test(value) ? Number(value) : value);
      return value;
    },
    z
      .date({ error: (issue) => (issue.input === undefined ? 'missing' : 'not a date') })
      .refine((d) => !Number.isNaN(d.getTime()), 'not a date')
      .refine((d) => d.getTime() >= EARLIEST, 'date before 1990')
      .refine((d) => d.getTime() <= latestMs(), tooLate),
  );
}

/** A moment that has happened: between 1990 and two days from now; anything else is an impossible date. */
export const Timestamp = timestamp(() => Date.now() + LATEST_SLACK_MS, 'date in the future');
/** A planned date (a deal's close date, a subscription's end): may lie ahead, but not beyond 20 years. */
export const PlannedDate = timestamp(() => Date.now() + 20 * 365 * 24 * 3600 * 1000, 'date more than 20 years ahead');
const optionalTimestamp = z.preprocess(blankToNull, Timestamp.nullish());
const optionalPlannedDate = z.preprocess(blankToNull, PlannedDate.nullish());

const amount = z.preprocess(blankToNull, z.coerce.number({ error: 'not a number' }).finite());
const optionalAmount = z.preprocess(blankToNull, z.coerce.number({ error: 'not a number' }).finite().nullish());
const email = z.preprocess(blankToNull, z.string().trim().max(320).nullish());
const jsonObject = z.preprocess(
  (value) => {
    if (value === null || value === undefined || value === '') return {};
    if (typeof value === 'string') {
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    }
    return value;
  },
  z.record(z.string(), z.unknown(), { error: 'properties must be a JSON object' }),
);

export const AccountRow = z.object({
  id: RecordId,
  name: z.string().trim().min(1, 'name is empty').max(500),
  domain: optionalText,
  parent_id: optionalId,
  plan: optionalText,
  owner: optionalText,
  segment: optionalText,
  industry: optionalText,
  created_at: optionalTimestamp,
  updated_at: optionalTimestamp,
});

/** Person-like records: product users, CRM contacts and leads, billing contacts, help-desk requesters. */
export const UserRow = z
  .object({
    id: RecordId,
    email,
    name: optionalText,
    phone: optionalText,
    title: optionalText,
    account_id: optionalId,
    created_at: optionalTimestamp,
    last_seen_at: optionalTimestamp,
    updated_at: optionalTimestamp,
  })
  .refine((row) => Boolean(row.email || row.name), { message: 'neither email nor name', path: ['email'] });

export const MembershipRow = z.object({
  user_id: RecordId,
  account_id: RecordId,
  role: optionalText,
  created_at: optionalTimestamp,
});

export const EventRow = z
  .object({
    id: optionalId,
    user_id: optionalId,
    account_id: optionalId,
    name: z.string().trim().min(1, 'event name is empty').max(200),
    occurred_at: Timestamp,
    properties: jsonObject,
  })
  .refine((row) => Boolean(row.user_id || row.account_id), {
    message: 'event has neither user_id nor account_id',
    path: ['user_id'],
  });

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'] as const;
export const SubscriptionRow = z.object({
  id: RecordId,
  account_id: RecordId,
  plan: z.string().trim().min(1, 'plan is empty'),
  status: z.enum(SUBSCRIPTION_STATUSES),
  mrr: amount.pipe(z.number().min(0, 'mrr is negative')),
  currency: z.preprocess(blankToNull, z.string().length(3).nullish()),
  seats: z.preprocess(blankToNull, z.coerce.number().int().min(0).nullish()),
  started_at: Timestamp,
  ended_at: optionalPlannedDate,
});

export const ChargeRow = z.object({
  id: RecordId,
  account_id: RecordId,
  amount,
  currency: z.preprocess(blankToNull, z.string().length(3).nullish()),
  status: z.enum(['succeeded', 'failed', 'refunded', 'pending']),
  failure_reason: optionalText,
  created_at: Timestamp,
});

export const DealRow = z.object({
  id: RecordId,
  account_id: optionalId,
  contact_id: optionalId,
  name: z.string().trim().min(1, 'name is empty'),
  stage: z.string().trim().min(1, 'stage is empty'),
  amount: optionalAmount,
  close_date: optionalPlannedDate,
  owner: optionalText,
  created_at: optionalTimestamp,
});

const supportItem = {
  id: RecordId,
  requester_id: optionalId,
  requester_email: email,
  account_id: optionalId,
  subject: optionalText,
  status: z.string().trim().min(1, 'status is empty'),
  priority: optionalText,
  created_at: Timestamp,
  updated_at: optionalTimestamp,
};
export const TicketRow = z.object(supportItem);
export const ConversationRow = z.object(supportItem);

export const MODEL_KINDS = [
  'accounts',
  'users',
  'memberships',
  'events',
  'subscriptions',
  'charges',
  'deals',
  'tickets',
  'conversations',
] as const;
export const ModelKind = z.enum(MODEL_KINDS);
export type ModelKind = z.infer<typeof ModelKind>;

export const ROW_SCHEMAS = {
  accounts: AccountRow,
  users: UserRow,
  memberships: MembershipRow,
  events: EventRow,
  subscriptions: SubscriptionRow,
  charges: ChargeRow,
  deals: DealRow,
  tickets: TicketRow,
  conversations: ConversationRow,
} as const satisfies Record<ModelKind, z.ZodType>;

export type AccountRow = z.infer<typeof AccountRow>;
export type UserRow = z.infer<typeof UserRow>;
export type MembershipRow = z.infer<typeof MembershipRow>;
export type EventRow = z.infer<typeof EventRow>;
export type SubscriptionRow = z.infer<typeof SubscriptionRow>;
export type ChargeRow = z.infer<typeof ChargeRow>;
export type DealRow = z.infer<typeof DealRow>;
export type TicketRow = z.infer<typeof TicketRow>;
export type ConversationRow = z.infer<typeof ConversationRow>;

/** The columns a kind names; everything else in a row is an extra property. */
export function knownColumns(kind: ModelKind): ReadonlySet<string> {
  return new Set(Object.keys(ROW_SCHEMAS[kind].shape));
}

/** The columns a row of this kind must have (their absence from every row means the source's schema changed). */
export function requiredColumns(kind: ModelKind): string[] {
  return Object.entries(ROW_SCHEMAS[kind].shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
}

/** The kinds whose rows describe an account or a person (the rest describe activity). */
export const ACCOUNT_KINDS: readonly ModelKind[] = ['accounts'];
export const PERSON_KINDS: readonly ModelKind[] = ['users'];
