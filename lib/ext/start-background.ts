import { browser } from 'wxt/browser';
import { backgroundHandlers } from './handlers.ts';
import { listenForMessages } from './message-router.ts';
import { forgetTab } from './storage.ts';

/** Wires the background. Listeners are registered synchronously: a woken MV3 worker must find them at once. */
export function startBackground(): void {
  listenForMessages(backgroundHandlers);
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  // The token sits in storage.local; keep that area out of content scripts' reach where the browser allows.
  void keepLocalStorageTrusted();
}

async function keepLocalStorageTrusted(): Promise<void> {
  try {
    await browser.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    // Older browsers allow the access level on storage.session only; content scripts still never read it.
  }
}
