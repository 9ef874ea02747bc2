import { browser } from 'wxt/browser';
import type { Flag } from '../contract/identity.ts';
import type { ApiResponse } from './api.ts';
import { cacheOwnerOf } from './cache-owner.ts';
import { dropContextsAbout, wipeContextCache } from './context-cache.ts';
import { outboxDb } from './db.ts';
import type { OutboxEntry } from './db.ts';
import { postFlag, postFlagUndo } from './identity-api.ts';
import { changeOutbox, newEntry, pruneOutbox } from './outbox.ts';
import { handlingOf, retryDelay } from './outbox-policy.ts';
import { OUTBOX_ALARM, armOutboxAlarm, expireOverdue, scheduleOutbox } from './outbox-schedule.ts';
import { readSettings } from './settings.ts';
import type { Settings } from './settings.ts';
import { workerMemory } from './worker-memory.ts';

const warn = (what: string, error: unknown) => console.warn(`[sidelight] ${what}`, error);

/**
 * Registers the outbox with a starting worker: listens for its alarm (synchronously, so a worker woken by
 * the alarm finds the listener), then sends what is due and sets the alarm again. Nothing of the outbox
 * lives in the worker's memory but the timer and the drain under way: a new worker starts from IndexedDB.
 */
export function startOutbox(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void drainOutbox();
  });
  void pruneOutbox().catch((error: unknown) => warn('could not prune the outbox', error));
  void drainOutbox();
}

/**
 * Sends every pending entry that is due, oldest first, one at a time, then schedules the next wake-up.
 * `early`: the backend just answered something else, so entries waiting only because it was unreachable
 * go now instead of at the end of their backoff. One drain at a time; a call during one makes it go again.
 */
export function drainOutbox({ early = false } = {}): Promise<void> {
  const memory = workerMemory.outbox;
  if (memory.draining) {
    memory.again = true;
    return memory.draining;
  }
  const run = async () => {
    let soon = early;
    do {
      memory.again = false;
      try {
        await drainOnce(soon);
      } catch (error) {
        warn('could not send the outbox', error);
      }
      soon = false;
      if (!memory.again) await schedule().catch((error: unknown) => warn('could not schedule the outbox', error));
    } while (memory.again);
  };
  const draining = run().finally(() => {
    if (memory.draining === draining) memory.draining = null;
  });
  memory.draining = draining;
  return draining;
}

/** Wakes the outbox early when entries wait for a backend that could not be reached (it answers again). */
export async function drainIfWaitingForBackend(): Promise<void> {
  const waiting = await outboxDb.outbox.where('state').equals('pending').filter((e) => e.lastErrorKind === 'network').count();
  if (waiting > 0) await drainOutbox({ early: true });
}

async function currentOwner(settings: Settings): Promise<string | null> {
  return settings.token ? cacheOwnerOf(settings) : null;
}

const schedule = async () => scheduleOutbox(await currentOwner(await readSettings()), () => void drainOutbox());

async function drainOnce(early: boolean): Promise<void> {
  const settings = await readSettings();
  const owner = await currentOwner(settings);
  await expireOverdue(owner, Date.now());
  if (!owner) return;
  const pending = await outboxDb.outbox.where('state').equals('pending').filter((e) => e.owner === owner).sortBy('createdAt');
  let soon = early;
  for (const entry of pending) {
    // Checked again inside the claim; this only spares a transaction (and a revision bump) per waiting entry.
    if (!isDue(entry, Date.now(), soon)) continue;
    const outcome = await attempt(entry.id, settings, owner, soon);
    if (outcome === 'answered') soon = true;
    if (outcome === 'unreachable') {
      // The backend is gone: the rest wait with the one that just failed instead of each taking a timeout.
      await postponeOthers(owner, entry.id);
      return;
    }
  }
}

const isDue = (entry: OutboxEntry, now: number, early: boolean) =>
  (entry.nextAttemptAt ?? Number.POSITIVE_INFINITY) <= now || (early && entry.lastErrorKind === 'network');

type Outcome = 'skipped' | 'answered' | 'unreachable';

/**
 * One attempt: claimed in a transaction first (the attempt and its backoff are on disk before the request
 * goes out, so a worker stopped mid-request tries again later with the same key), then sent, then settled.
 */
async function attempt(id: string, settings: Settings, owner: string, early: boolean): Promise<Outcome> {
  const now = Date.now();
  const claimed = await changeOutbox(async () => {
    const entry = await outboxDb.outbox.get(id);
    if (!entry || entry.state !== 'pending' || entry.owner !== owner || !isDue(entry, now, early)) return null;
    const attempts = entry.attempts + 1;
    const next: OutboxEntry = { ...entry, attempts, lastAttemptAt: now, nextAttemptAt: now + retryDelay(attempts) };
    await outboxDb.outbox.put(next);
    return next;
  });
  if (!claimed) return 'skipped';
  // The retry is on disk; this wakes a new worker for it if this one is stopped before the answer.
  await armOutboxAlarm(claimed.nextAttemptAt!).catch((error: unknown) => warn('could not set the alarm', error));
  const response =
    claimed.kind === 'flag' ? await postFlag(settings, claimed.flag!, claimed.id) : await postFlagUndo(settings, claimed.flagId!, claimed.id);
  // Before the entry says "sent": a sidebar that refreshes on that word must not get the old split.
  if (response.ok || isAlreadyUndone(claimed, response)) {
    await forgetContextsOf(claimed, response.ok ? response.value : null).catch((error: unknown) => warn('could not refresh the cache', error));
  }
  await settle(claimed, response);
  return response.ok || response.status !== null ? 'answered' : 'unreachable';
}

async function settle(claimed: OutboxEntry, response: ApiResponse<Flag>): Promise<OutboxEntry | null> {
  const now = Date.now();
  return changeOutbox(async () => {
    const entry = await outboxDb.outbox.get(claimed.id);
    if (!entry || entry.state !== 'pending') return null;
    let next: OutboxEntry;
    if (response.ok || isAlreadyUndone(entry, response)) {
      const result = response.ok ? response.value : null;
      next = { ...entry, state: 'sent', settledAt: now, nextAttemptAt: null, lastError: null, lastErrorKind: null, result };
      if (entry.kind === 'flag' && result) {
        next.flagId = result.id;
        if (entry.undoRequested && !entry.undoId) {
          const undo = newEntry('undo', { flagId: result.id, backendUrl: entry.backendUrl, owner: entry.owner }, now);
          await outboxDb.outbox.add(undo);
          next.undoId = undo.id;
          // Due now: the drain goes round once more for it.
          workerMemory.outbox.again = true;
        }
      }
    } else if (response.signedOut || handlingOf(response.status) === 'fail') {
      next = { ...entry, state: 'failed', settledAt: now, nextAttemptAt: null, lastError: response.message, lastErrorKind: 'refused' };
    } else {
      const notBefore = now + (response.retryAfterMs ?? 0);
      next = {
        ...entry,
        nextAttemptAt: Math.max(entry.nextAttemptAt ?? now, notBefore),
        lastError: response.message,
        lastErrorKind: response.status === null ? 'network' : 'server',
      };
    }
    await outboxDb.outbox.put(next);
    return next;
  });
}

/** An undo the backend had already applied (409, "already undone") is done all the same. */
const isAlreadyUndone = (entry: OutboxEntry, response: ApiResponse<Flag>) => !response.ok && entry.kind === 'undo' && response.status === 409;

/** The backend moved a record between entities: cached contexts showing them are out of date. */
async function forgetContextsOf(entry: OutboxEntry, result: Flag | null): Promise<void> {
  const flag = result ?? (await outboxDb.outbox.filter((e) => e.kind === 'flag' && e.flagId === entry.flagId).first())?.result;
  if (!flag) {
    await wipeContextCache();
    return;
  }
  await dropContextsAbout([flag.entity.id, ...(flag.splitEntityId ? [flag.splitEntityId] : [])]);
}

async function postponeOthers(owner: string, failedId: string): Promise<void> {
  const failed = await outboxDb.outbox.get(failedId);
  const until = failed?.nextAttemptAt;
  if (!until) return;
  await changeOutbox(() =>
    outboxDb.outbox
      .where('state')
      .equals('pending')
      .filter((e) => e.owner === owner && e.id !== failedId && (e.nextAttemptAt ?? 0) < until)
      .modify({ nextAttemptAt: until }),
  );
}
