import { browser } from 'wxt/browser';
import { outboxDb } from './db.ts';
import type { OutboxEntry } from './db.ts';
import { changeOutbox } from './outbox.ts';
import { RETRY_POLICY } from './outbox-policy.ts';
import { workerMemory } from './worker-memory.ts';

/** The one alarm that wakes the worker for the outbox's next attempt (or the end of a retry window). */
export const OUTBOX_ALARM = 'sidelight:outbox';

/**
 * Makes sure the alarm fires no later than `by`, never moving an earlier one later. Called before a
 * flag or undo is written and before each request goes out: a worker stopped at any moment after that
 * (MV3 stops one ~30 s idle, or while a request waits on a slow backend) leaves an alarm that wakes the
 * next worker, which sends what is due. Without it, nothing would wake a worker stopped mid-send: the
 * alarm is otherwise set only once a drain ends.
 */
export async function armOutboxAlarm(by: number): Promise<void> {
  const current = await browser.alarms.get(OUTBOX_ALARM);
  if (current && current.scheduledTime <= by) return;
  await browser.alarms.create(OUTBOX_ALARM, { when: by });
}

/** Pending past its window (under any settings): failed, with what went wrong, for the user to see. */
export async function expireOverdue(owner: string | null, now: number): Promise<void> {
  const hours = Math.round(RETRY_POLICY.windowMs / 3_600_000);
  const overdue = await outboxDb.outbox.where('state').equals('pending').filter((e) => e.windowEndsAt <= now).count();
  if (overdue === 0) return;
  await changeOutbox(() =>
    outboxDb.outbox
      .where('state')
      .equals('pending')
      .filter((e) => e.windowEndsAt <= now)
      .modify((entry) => {
        const why =
          entry.owner !== owner
            ? `it was made for ${entry.backendUrl} under a sign-in that is no longer in use`
            : (entry.lastError ?? 'the backend never answered');
        Object.assign(entry, {
          state: 'failed',
          settledAt: now,
          nextAttemptAt: null,
          lastError: `Not sent within ${hours} h: ${why}`,
          lastErrorKind: 'expired',
        } satisfies Partial<OutboxEntry>);
      }),
  );
}

/**
 * Sets the alarm (and, while this worker lives, a timer calling `wake`) for the earliest moment something
 * is due: the next attempt of an entry under the current settings (`owner`), or the end of any pending
 * entry's window. Nothing pending: no alarm.
 */
export async function scheduleOutbox(owner: string | null, wake: () => void, now = Date.now()): Promise<void> {
  const pending = await outboxDb.outbox.where('state').equals('pending').toArray();
  let next = Number.POSITIVE_INFINITY;
  for (const entry of pending) {
    next = Math.min(next, entry.windowEndsAt);
    if (entry.owner === owner && entry.nextAttemptAt !== null) next = Math.min(next, entry.nextAttemptAt);
  }
  const memory = workerMemory.outbox;
  clearTimeout(memory.timer);
  memory.timer = undefined;
  if (!Number.isFinite(next)) {
    await browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  // The alarm wakes a stopped worker (Chrome may fire it up to 30 s late in a packed extension); the
  // timer is on time while this one lives. Never sooner than a second: no busy loop on a clock skew.
  await browser.alarms.create(OUTBOX_ALARM, { when: next });
  memory.timer = setTimeout(wake, Math.max(1_000, next - now));
}
