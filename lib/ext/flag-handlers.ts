import type { OutboxChange } from '../contract/outbox.ts';
import type { MessageHandlers } from './message-router.ts';
import { dismissEntry, listOutbox, recordFlag, retryEntry } from './outbox.ts';
import { RETRY_POLICY } from './outbox-policy.ts';
import { armOutboxAlarm } from './outbox-schedule.ts';
import { drainOutbox } from './outbox-sender.ts';
import { requestUndo } from './outbox-undo.ts';
import { readSettings } from './settings.ts';

/**
 * Before a change that may leave an entry pending: the alarm is set first, so a worker stopped between
 * the write and the send still has one to wake the next (an alarm that finds nothing due is harmless).
 */
const armFirst = () => armOutboxAlarm(Date.now() + RETRY_POLICY.baseMs);

/** Sends what a change left pending now, without keeping the page waiting for the backend. */
function sendSoon(change: OutboxChange): OutboxChange {
  if (change.ok && change.item.state === 'pending') void drainOutbox();
  return change;
}

/** The outbox's messages: each change is on disk when the answer goes back; sending happens after. */
export const flagHandlers: Pick<MessageHandlers, 'flag:create' | 'flag:undo' | 'flags:list' | 'outbox:retry' | 'outbox:dismiss'> = {
  'flag:create': async (request) => {
    await armFirst();
    return sendSoon(await recordFlag(request, await readSettings()));
  },
  'flag:undo': async (target) => {
    await armFirst();
    return sendSoon(await requestUndo(target, await readSettings()));
  },
  'flags:list': async () => listOutbox(await readSettings()),
  'outbox:retry': async ({ id }) => {
    await armFirst();
    return sendSoon(await retryEntry(id, await readSettings()));
  },
  'outbox:dismiss': async ({ id }) => dismissEntry(id, await readSettings()),
};
