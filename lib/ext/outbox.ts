import type { FlagRequest } from '../contract/identity.ts';
import type { OutboxChange, OutboxCounts, OutboxItem } from '../contract/outbox.ts';
import { cacheOwnerOf } from './cache-owner.ts';
import { outboxDb } from './db.ts';
import type { OutboxEntry } from './db.ts';
import { outboxChanged } from './outbox-notify.ts';
import { RETRY_POLICY } from './outbox-policy.ts';
import type { Settings } from './settings.ts';

/**
 * The flag outbox's entries: each flag and undo is written here (strict durability) before anything is
 * sent, and changes state only inside a transaction, so a worker stopped at any moment loses nothing.
 * The sender (`outbox-sender.ts`) takes pending entries from here.
 *
 * An entry belongs to the backend and token it was made under (by digest): signing out or switching
 * backends holds it, never sends it elsewhere; signing in again to the same backend with the same token
 * sends it. A held entry still fails when its retry window ends, and the user is told.
 */

/** Sent and cancelled entries are kept this long: the matches card offers Undo of flags sent from here. */
export const KEEP_SETTLED_MS = 7 * 24 * 60 * 60_000;

export const SIGNED_OUT = 'Sign in to the backend first (Sidelight options): flags are sent under your token.';

export const ownerOf = async (settings: Settings) => (settings.token ? cacheOwnerOf(settings) : null);

export function toItem({ owner, ...entry }: OutboxEntry, currentOwner: string | null): OutboxItem {
  return { ...entry, held: owner !== currentOwner };
}

const sameFlag = (a: FlagRequest, b: FlagRequest) =>
  a.record.source === b.record.source && a.record.sourceId === b.record.sourceId && a.entity.kind === b.entity.kind && a.entity.id === b.entity.id;

export function newEntry(kind: OutboxEntry['kind'], fields: Partial<OutboxEntry> & Pick<OutboxEntry, 'backendUrl' | 'owner'>, now: number): OutboxEntry {
  return {
    id: crypto.randomUUID(),
    kind,
    state: 'pending',
    flag: null,
    flagId: null,
    createdAt: now,
    attempts: 0,
    lastAttemptAt: null,
    nextAttemptAt: now,
    windowEndsAt: now + RETRY_POLICY.windowMs,
    lastError: null,
    lastErrorKind: null,
    settledAt: null,
    result: null,
    undoRequested: false,
    undoId: null,
    ...fields,
  };
}

/** Runs `change` in one strict read-write transaction on the outbox, then tells pages and the badge. */
export async function changeOutbox<T>(change: () => Promise<T>): Promise<T> {
  const result = await outboxDb.transaction('rw', outboxDb.outbox, change);
  await outboxChanged();
  return result;
}

/** Records a flag to send. The same flag already waiting (pending or failed) is answered instead of a second one. */
export async function recordFlag(request: FlagRequest, settings: Settings, now = Date.now()): Promise<OutboxChange> {
  const owner = await ownerOf(settings);
  if (!owner) return { ok: false, message: SIGNED_OUT };
  const entry = await changeOutbox(async () => {
    const waiting = await outboxDb.outbox
      .where('state')
      .anyOf('pending', 'failed')
      .filter((e) => e.kind === 'flag' && e.owner === owner && e.flag !== null && sameFlag(e.flag, request))
      .first();
    if (waiting) return waiting;
    const created = newEntry('flag', { flag: request, backendUrl: settings.backendUrl, owner }, now);
    await outboxDb.outbox.add(created);
    return created;
  });
  return { ok: true, item: toItem(entry, owner) };
}

/** Sends a failed entry again, with the same idempotency key, in a new retry window. */
export async function retryEntry(id: string, settings: Settings, now = Date.now()): Promise<OutboxChange> {
  const owner = await ownerOf(settings);
  if (!owner) return { ok: false, message: SIGNED_OUT };
  return changeOutbox(async (): Promise<OutboxChange> => {
    const entry = await outboxDb.outbox.get(id);
    if (!entry) return { ok: false, message: 'This entry is no longer in the outbox.' };
    if (entry.owner !== owner) {
      return { ok: false, message: `Made under other settings: sign in to ${entry.backendUrl} with the token you used then to send it.` };
    }
    if (entry.state !== 'failed') return { ok: true, item: toItem(entry, owner) };
    const retried: OutboxEntry = { ...entry, state: 'pending', nextAttemptAt: now, windowEndsAt: now + RETRY_POLICY.windowMs, settledAt: null };
    await outboxDb.outbox.put(retried);
    return { ok: true, item: toItem(retried, owner) };
  });
}

/** The user lets a failed entry go: it is cancelled (kept a while, then pruned), never sent. */
export async function dismissEntry(id: string, settings: Settings, now = Date.now()): Promise<OutboxChange> {
  const owner = await ownerOf(settings);
  return changeOutbox(async (): Promise<OutboxChange> => {
    const entry = await outboxDb.outbox.get(id);
    if (!entry) return { ok: false, message: 'This entry is no longer in the outbox.' };
    if (entry.state !== 'failed') return { ok: false, message: 'Only a failed entry can be dismissed; undo a flag instead.' };
    const dismissed: OutboxEntry = { ...entry, state: 'cancelled', settledAt: now };
    await outboxDb.outbox.put(dismissed);
    return { ok: true, item: toItem(dismissed, owner) };
  });
}

/** The outbox for pages: every entry not cancelled, in the order made, and the counts the popup shows. */
export async function listOutbox(settings: Settings): Promise<{ items: OutboxItem[]; counts: OutboxCounts }> {
  const owner = await ownerOf(settings);
  const entries = await outboxDb.outbox.orderBy('createdAt').filter((e) => e.state !== 'cancelled').toArray();
  const items = entries.map((entry) => toItem(entry, owner));
  const counts: OutboxCounts = { pending: 0, failed: 0, held: 0 };
  for (const item of items) {
    if (item.state === 'sent') continue;
    if (item.held) counts.held++;
    else counts[item.state === 'pending' ? 'pending' : 'failed']++;
  }
  return { items, counts };
}

/** Drops sent and cancelled entries settled long ago; pending and failed ones stay until the user acts. */
export function pruneOutbox(now = Date.now()): Promise<number> {
  return outboxDb.outbox
    .where('state')
    .anyOf('sent', 'cancelled')
    .filter((e) => e.settledAt !== null && now - e.settledAt > KEEP_SETTLED_MS)
    .delete();
}
