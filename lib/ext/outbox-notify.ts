import { browser } from 'wxt/browser';
import { outboxDb } from './db.ts';
import { outboxRevisionItem } from './storage.ts';

/**
 * After every change to the outbox: open pages (sidebars, popup) are told through `storage.session`
 * and ask again; the toolbar badge counts the failed entries, so a flag that could not be sent is seen
 * even with no sidebar open.
 */
export async function outboxChanged(): Promise<void> {
  await outboxRevisionItem.setValue(crypto.randomUUID());
  await showFailedOnBadge().catch((error: unknown) => console.warn('[sidelight] could not update the badge', error));
}

async function showFailedOnBadge(): Promise<void> {
  const failed = await outboxDb.outbox.where('state').equals('failed').count();
  // `action` is MV3's; Firefox's MV2 build has `browserAction`.
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  await action.setBadgeText({ text: failed > 0 ? String(failed) : '' });
  if (failed > 0) await action.setBadgeBackgroundColor({ color: '#b42318' });
}
