import type { ModelKind } from '../../lib/contract/model-kinds.ts';
import type { DemoListing } from './listing.ts';
import type { TableName } from './tables.ts';

/** A cell: timestamps are ISO strings, jsonb columns objects, text[] columns string arrays. */
export type Value = string | number | boolean | null | string[] | Record<string, unknown>;
export type Row = Record<string, Value>;
export type Tables = Record<TableName, Row[]>;

/** The source names of sidelight.config.ts. */
export type SourceName = 'crm' | 'billing' | 'product' | 'zendesk' | 'intercom';

export type GroundTruthRow = {
  record_source: SourceName;
  record_id: string;
  entity_kind: 'account' | 'person';
  true_entity_key: string;
};

/** A row put in on purpose that the contract of its model kind must quarantine. */
export type PlannedBadRow = {
  source: SourceName;
  table: TableName;
  kind: ModelKind;
  /** The row's id, or `user_id|account_id` for memberships. */
  key: string;
  reason: string;
};

export type Segment = 'Enterprise' | 'Mid-Market' | 'SMB';
export type Lifecycle = 'customer' | 'churned' | 'trial' | 'prospect';
export type Activity = 'dormant' | 'low' | 'medium' | 'heavy';

/** The truth about one customer company, before any system records it. */
export type AccountPlan = {
  key: string;
  name: string;
  legalName: string;
  /** The name as the CRM (the system of record for names) spells it, shouting included; set when emitted. */
  crmName?: string;
  /** The company's real domain; null for the few tiny customers that run on free mail. */
  domain: string | null;
  segment: Segment;
  industry: string;
  owner: string;
  country: string;
  employees: number;
  lifecycle: Lifecycle;
  activity: Activity;
  createdAt: string;
  churnedAt: string | null;
  parentKey: string | null;
  emailPattern: 'first.last' | 'flast' | 'first' | 'firstl';
  /** Forced by a scenario: every system present and linked, no messiness. */
  clean: boolean;
  systems: {
    crm: boolean;
    crmDuplicate: boolean;
    billing: boolean;
    /** How the billing customer names the CRM account. */
    billingCrmId: '18' | '15' | 'none';
    product: boolean;
    sandboxWorkspace: boolean;
    productBillingLink: boolean;
    zendesk: boolean;
    zendeskExternalId: '18' | '15' | 'none';
    intercom: boolean;
    intercomWorkspaceLink: boolean;
  };
};

export type Seniority = 'executive' | 'manager' | 'staff';

export type PersonPlan = {
  key: string;
  first: string;
  nicknames: readonly string[];
  last: string;
  /** Accounts the person works with; the first is their employer. Empty for leads at other companies. */
  accountKeys: string[];
  /** The address the person mostly uses (lower-case). */
  email: string;
  personalEmail: string | null;
  title: string;
  seniority: Seniority;
  phone: string | null;
  createdAt: string;
  clean: boolean;
  /** Company name typed on a lead, for people not at a customer account. */
  company: string | null;
  systems: {
    crm: 'contact' | 'lead' | 'contact+lead' | null;
    /** Store the Zendesk user id on the CRM contact. */
    crmZendeskId: boolean;
    product: boolean;
    productEmail: 'work' | 'personal';
    zendesk: boolean;
    zendeskEmail: 'work' | 'personal';
    zendeskNoOrg: boolean;
    intercom: boolean;
    /** The CRM contact hangs on the employer's duplicate CRM account. */
    onDuplicateCrmAccount: boolean;
  };
  /** An address the CRM contact carries instead of `email` (a team alias another person also uses). */
  crmEmail: string | null;
};

export type DemoCompany = {
  seed: number;
  now: string;
  /** When the Intercom export last ran: the stale source. */
  intercomExportedAt: string;
  tables: Tables;
  groundTruth: GroundTruthRow[];
  listing: DemoListing;
  badRows: PlannedBadRow[];
  /**
   * Product events left out of `tables` to be replayed in chunks as they are written (`streamEvents`);
   * `tables['product.events']` then holds only the planned bad events. Null when every row is in `tables`.
   */
  streamed: { table: 'product.events'; count: number; chunks(size: number): Iterable<Row[]> } | null;
};

const DAY_MS = 24 * 3600 * 1000;

/** Relative dates against the generator's fixed `now`. */
export type Clock = {
  now: number;
  iso(ms: number): string;
  daysAgo(days: number): number;
};

export function createClock(now: Date): Clock {
  const nowMs = now.getTime();
  return {
    now: nowMs,
    iso: (ms) => isoTime(Math.min(ms, nowMs)),
    daysAgo: (days) => nowMs - days * DAY_MS,
  };
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();

/**
 * `new Date(ms).toISOString()`, several times faster: the date part is cached per day. The generator
 * formats tens of millions of timestamps at the large scale, and toISOString was most of its time.
 */
export function isoTime(ms: number): string {
  const t = Math.trunc(ms); // as Date's TimeClip does
  const day = Math.floor(t / DAY_MS);
  if (!Number.isFinite(t) || day < 0 || day > 2_932_896) return new Date(ms).toISOString(); // 1970 to 9999 only
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = t - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  return `${prefix}${TWO_DIGITS[(rest - (rest % 60)) / 60]}:${TWO_DIGITS[rest % 60]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[millis]}Z`;
}

export { DAY_MS };
