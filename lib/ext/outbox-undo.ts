import type { OutboxChange, UndoTarget } from '../contract/outbox.ts';
import { outboxDb } from './db.ts';
import type { OutboxEntry } from './db.ts';
import { SIGNED_OUT, changeOutbox, newEntry, ownerOf, toItem } from './outbox.ts';
import type { Settings } from './settings.ts';

/**
 * Undoes a flag. Never attempted, or refused: nothing reached the backend, so it is cancelled here.
 * Attempted but unanswered: it may have arrived, so it is still sent and undone right after. Sent: an
 * undo goes through the outbox like the flag did. A flag in force known only by the backend's id (made
 * elsewhere) gets an undo entry of its own.
 */
export async function requestUndo(target: UndoTarget, settings: Settings, now = Date.now()): Promise<OutboxChange> {
  const owner = await ownerOf(settings);
  if (!owner) return { ok: false, message: SIGNED_OUT };
  return changeOutbox(async (): Promise<OutboxChange> => {
    const flag =
      'outboxId' in target
        ? await outboxDb.outbox.get(target.outboxId)
        : await outboxDb.outbox.orderBy('createdAt').filter((e) => e.kind === 'flag' && e.owner === owner && e.flagId === target.flagId).last();
    if (flag && flag.kind !== 'flag') return { ok: false, message: 'Only a flag can be undone.' };
    if (!flag && 'outboxId' in target) return { ok: false, message: 'This flag is no longer in the outbox.' };
    if (flag && flag.owner !== owner) return { ok: false, message: 'This flag was made under other settings; sign in to its backend to undo it.' };
    if (flag?.state === 'cancelled') return { ok: true, item: toItem(flag, owner) };
    if (flag && flag.state !== 'sent') {
      const cancel = flag.attempts === 0 || flag.state === 'failed';
      const changed: OutboxEntry = cancel
        ? { ...flag, state: 'cancelled', settledAt: now, nextAttemptAt: null }
        : { ...flag, undoRequested: true };
      await outboxDb.outbox.put(changed);
      return { ok: true, item: toItem(changed, owner) };
    }
    const flagId = flag ? flag.flagId! : (target as { flagId: string }).flagId;
    const existing = await findUndo(owner, flagId, flag?.undoId ?? null);
    if (existing) return { ok: true, item: toItem(existing, owner) };
    const undo = newEntry('undo', { flagId, backendUrl: settings.backendUrl, owner }, now);
    await outboxDb.outbox.add(undo);
    if (flag) await outboxDb.outbox.update(flag.id, { undoId: undo.id });
    return { ok: true, item: toItem(undo, owner) };
  });
}

/** An undo of this flag already on its way or done (a failed one is retried by its own button instead). */
async function findUndo(owner: string, flagId: string, undoId: string | null): Promise<OutboxEntry | undefined> {
  const byId = undoId ? await outboxDb.outbox.get(undoId) : undefined;
  if (byId && byId.state !== 'cancelled') return byId;
  return outboxDb.outbox
    .orderBy('createdAt')
    .filter((e) => e.kind === 'undo' && e.owner === owner && e.flagId === flagId && e.state !== 'cancelled')
    .last();
}
