import { browser } from 'wxt/browser';
import { evictContexts } from './context-cache.ts';
import { backgroundHandlers } from './handlers.ts';
import { listenForMessages } from './message-router.ts';
import { bumpSettingsRevision, forgetSettings, refreshManagedSettings } from './settings.ts';
import { SETTINGS_KEYS } from './storage.ts';
import { forgetTabContext } from './tab-context.ts';

/**
 * Wires the background. Listeners are registered synchronously: a woken MV3 worker must find them at once.
 * Nothing lives only in the worker's memory (tabs in `storage.session`, contexts in IndexedDB; memory holds
 * copies), so a worker stopped at any moment starts again where it was; it keeps no timers, so it needs
 * no alarms.
 */
export function startBackground(): void {
  listenForMessages(backgroundHandlers);
  browser.tabs.onRemoved.addListener((tabId) => void forgetTabContext(tabId));
  // A policy change is a settings change: open sidebars start over (the cache is re-claimed on next use).
  const followPolicy = () =>
    void refreshManagedSettings()
      .then((changed) => (changed ? bumpSettingsRevision() : undefined))
      .catch((error: unknown) => console.warn('[sidelight] could not read the policy', error));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') followPolicy();
    // The worker drops its copy of the settings when it writes them; this covers any other writer.
    if (Object.keys(changes).some((key) => SETTINGS_KEYS.has(key))) forgetSettings();
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
