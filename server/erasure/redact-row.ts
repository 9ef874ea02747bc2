import { normaliseEmail, type ModelKind } from '../../lib/contract/index.ts';
import { ERASED } from './erasure-digests.ts';

/**
 * What stays of an activity row about an erased person (a ticket, an event, a membership, a deal): what
 * the account's metrics count — its account, dates, status, amounts, the event's name — with the person's
 * id replaced by a tombstone. Their email, the ticket's subject (their words), the event's properties and
 * every column the contract does not name go. One function for the erasure and for every later sync, so
 * a re-read row lands on the same record with the same content.
 */
export const PERSON_FIELD: Partial<Record<ModelKind, string>> = {
  memberships: 'user_id',
  events: 'user_id',
  deals: 'contact_id',
  tickets: 'requester_id',
  conversations: 'requester_id',
};

const KEPT: Partial<Record<ModelKind, readonly string[]>> = {
  memberships: ['account_id', 'role', 'created_at'],
  events: ['id', 'account_id', 'name', 'occurred_at'],
  deals: ['id', 'account_id', 'name', 'stage', 'amount', 'close_date', 'owner', 'created_at'],
  tickets: ['id', 'account_id', 'status', 'priority', 'created_at', 'updated_at'],
  conversations: ['id', 'account_id', 'status', 'priority', 'created_at', 'updated_at'],
};

/** True for the kinds whose rows are about a person's activity (and can be kept without them). */
export const isActivityKind = (kind: ModelKind): boolean => PERSON_FIELD[kind] !== undefined;

/** The row without the person: kept columns, the person's id as `tombstone` (null when it named none). */
export function redactActivity(kind: ModelKind, parsed: Record<string, unknown>, tombstone: string | null): Record<string, unknown> {
  const field = PERSON_FIELD[kind]!;
  const kept: [string, unknown][] = Object.entries(parsed).filter(([key]) => KEPT[kind]!.includes(key));
  kept.push([field, tombstone]);
  if (kind === 'events') kept.push(['properties', {}]);
  // Keys in one fixed order: a row without an id is named by a digest of its JSON, and the same row must
  // get the same name from a sync (the contract's order) and from the erasure (jsonb's order).
  return Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Addresses inside any text: a ticket subject naming someone, a billing contact, a CC list. */
const EMAIL_TOKEN = /[^\s<>()[\]{},;:"'`]+@[^\s<>()[\]{},;:"'`]+/g;

/**
 * Replaces every address `isErased` recognises, at any depth of a JSON value, with `[erased]`. Returns the
 * same object when nothing matched, so a caller can tell by identity.
 */
export function scrubEmails<T>(value: T, isErased: (email: string) => boolean): T {
  if (typeof value === 'string') {
    if (!value.includes('@')) return value;
    const scrubbed = value.replace(EMAIL_TOKEN, (token) => {
      const trimmed = token.replace(/\.+$/, '');
      return isErased(trimmed) ? ERASED + token.slice(trimmed.length) : token;
    });
    return (scrubbed === value ? value : scrubbed) as T;
  }
  // Copies only on the first change: a sync screens every row, and almost none holds an erased address.
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, i) => {
      const next = scrubEmails(item, isErased);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return (copy ?? value) as T;
  }
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    const object = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const key in object) {
      if (!Object.hasOwn(object, key)) continue;
      const next = scrubEmails(object[key], isErased);
      if (next !== object[key]) (copy ??= { ...object })[key] = next;
    }
    return (copy ?? value) as T;
  }
  return value;
}

/** A test for `scrubEmails` from the addresses themselves (normalised), where they are at hand. */
export function erasedAmong(emails: readonly string[]): (email: string) => boolean {
  const set = new Set(emails);
  return (email) => set.has(normaliseEmail(email) ?? '');
}
