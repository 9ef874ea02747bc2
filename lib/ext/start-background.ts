import { browser } from 'wxt/browser';
import { evictContexts } from './context-cache.ts';
import { startErasureSweeps } from './erasure-sweep.ts';
import { backgroundHandlers } from './handlers.ts';
import { listenForMessages } from './message-router.ts';
import { readMessageTally } from './message-tally.ts';
import { outboxChanged } from './outbox-notify.ts';
import { drainIfWaitingForBackend, drainOutbox, startOutbox } from './outbox-sender.ts';
import { bumpSettingsRevision, forgetSettings, refreshManagedSettings } from './settings.ts';
import { LAST_CONTACT_KEY, SETTINGS_KEYS } from './storage.ts';
import { forgetTabContext } from './tab-context.ts';
import { listenForTabPorts } from './tab-ports.ts';

/**
 * Wires the background. Listeners are registered synchronously: a woken MV3 worker must find them at once.
 * Nothing lives only in the worker's memory (tabs in `storage.session`, contexts and the flag outbox in
 * IndexedDB; memory holds copies), so a worker stopped at any moment starts again where it was. The
 * outbox's next attempt is an alarm, set again at every start-up, which wakes a stopped worker.
 */
export function startBackground(): void {
  listenForMessages(backgroundHandlers);
  listenForTabPorts();
  // For the worker's DevTools console and the browser tests: `sidelightMessageTally()`. Only extension
  // code and DevTools reach the worker's global scope.
  Object.assign(globalThis, { sidelightMessageTally: readMessageTally });
  startOutbox();
  startErasureSweeps();
  browser.tabs.onRemoved.addListener((tabId) => void forgetTabContext(tabId));
  // A policy change is a settings change: open sidebars start over (the cache is re-claimed on next use).
  const followPolicy = () =>
    void refreshManagedSettings()
      .then((changed) => (changed ? bumpSettingsRevision() : undefined))
      .catch((error: unknown) => console.warn('[sidelight] could not read the policy', error));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') followPolicy();
    // The worker drops its copy of the settings when it writes them; this covers any other writer.
    if (Object.keys(changes).some((key) => SETTINGS_KEYS.has(key))) {
      forgetSettings();
      // Other settings hold or release flags made under earlier ones (sent only to their own backend).
      void outboxChanged().then(() => drainOutbox());
    }
    // The backend answered a lookup: flags waiting only because it could not be reached go now.
    if (area === 'local' && LAST_CONTACT_KEY in changes) {
      const { oldValue, newValue } = changes[LAST_CONTACT_KEY] as { oldValue?: { lastSuccessAt?: number }; newValue?: { lastSuccessAt?: number } };
      if (newValue?.lastSuccessAt !== oldValue?.lastSuccessAt) void drainIfWaitingForBackend().catch(() => undefined);
    }
  });
  followPolicy();
  // The token sits in storage.local; keep that area out of content scripts' reach where the browser allows.
  void keepLocalStorageTrusted();
  void evictContexts().catch((error: unknown) => console.warn('[sidelight] could not trim the cache', error));
}

async function keepLocalStorageTrusted(): Promise<void> {
  try {
    await browser.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    // Older browsers allow the access level on storage.session only; content scripts still never read it.
  }
}
