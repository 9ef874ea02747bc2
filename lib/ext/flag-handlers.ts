import type { OutboxChange } from '../contract/outbox.ts';
import type { MessageHandlers } from './message-router.ts';
import { dismissEntry, listOutbox, recordFlag, retryEntry } from './outbox.ts';
import { drainOutbox } from './outbox-sender.ts';
import { requestUndo } from './outbox-undo.ts';
import { readSettings } from './settings.ts';

/** Sends what a change left pending now, without keeping the page waiting for the backend. */
function sendSoon(change: OutboxChange): OutboxChange {
  if (change.ok && change.item.state === 'pending') void drainOutbox();
  return change;
}

/** The outbox's messages: each change is on disk when the answer goes back; sending happens after. */
export const flagHandlers: Pick<MessageHandlers, 'flag:create' | 'flag:undo' | 'flags:list' | 'outbox:retry' | 'outbox:dismiss'> = {
  'flag:create': async (request) => sendSoon(await recordFlag(request, await readSettings())),
  'flag:undo': async (target) => sendSoon(await requestUndo(target, await readSettings())),
  'flags:list': async () => listOutbox(await readSettings()),
  'outbox:retry': async ({ id }) => sendSoon(await retryEntry(id, await readSettings())),
  'outbox:dismiss': async ({ id }) => dismissEntry(id, await readSettings()),
};
