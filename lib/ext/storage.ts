import { storage } from 'wxt/utils/storage';
import type { DetectionResult, TabContext } from '../contract/messages.ts';

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

/** Settings live in `storage.local`; only the background reads the token (pages see `hasToken`). */
export const backendUrlItem = storage.defineItem<string>('local:backendUrl', {
  fallback: DEFAULT_BACKEND_URL,
  version: 1,
});
export const tokenItem = storage.defineItem<string>('local:token', { fallback: '', version: 1 });

/** Changes whenever the settings are saved, so cached contexts and open sidebars know to start over. */
export const settingsRevisionItem = storage.defineItem<string>('session:settingsRevision', { fallback: '' });

/** The storage keys (as the browser sees them) behind the settings in effect. */
export const SETTINGS_KEYS: ReadonlySet<string> = new Set(['backendUrl', 'token', 'managedSettings', 'settingsRevision']);

/**
 * A digest of the backend URL and token the context cache was filled for: when the effective settings
 * change (saved, signed out, or changed by policy, even while the worker slept) the cache is wiped.
 */
export const cacheOwnerItem = storage.defineItem<string>('local:cacheOwner', { fallback: '' });

/**
 * Changes whenever the outbox does (an entry written, sent, failed...): pages watch it and ask again.
 * In `storage.session`, which content scripts cannot read.
 */
export const outboxRevisionItem = storage.defineItem<string>('session:outboxRevision', { fallback: '' });

/** The last time the backend answered a lookup, and the last time it did not (for the popup). */
export interface LastContact {
  lastSuccessAt: number | null;
  lastFailure: { at: number; message: string } | null;
}
export const LAST_CONTACT_KEY = 'lastContact';
export const lastContactItem = storage.defineItem<LastContact>('local:lastContact', {
  fallback: { lastSuccessAt: null, lastFailure: null },
  version: 1,
});

/**
 * Per-tab state lives in `storage.session`, not in the worker's memory: MV3 stops the worker after ~30 s
 * idle, and the session area survives that (and is wiped with the browser session).
 */
export interface TabDetection {
  /** Changes only when the detection means something else, so an unchanged page costs no new lookup. */
  revision: string;
  detection: DetectionResult;
  /**
   * The context as the background could answer it at once (from its cache), under the settings revision
   * it was read with; null when it needs the backend. The sidebar renders it without asking.
   */
  seed?: { settingsRevision: string; context: TabContext; at: number } | null;
}

/** The key a sidebar's context query is made for: the tab's detection and the settings it was read with. */
export const tabRevisionKey = (detectionRevision: string | null, settingsRevision: string) =>
  `${detectionRevision ?? 'none'}/${settingsRevision}`;

const detectionKey = (tabId: number) => `session:tab:${tabId}:detection` as const;

export const tabDetections = {
  get: (tabId: number) => storage.getItem<TabDetection>(detectionKey(tabId)),
  set: (tabId: number, value: TabDetection) => storage.setItem(detectionKey(tabId), value),
  watch: (tabId: number, onChange: (value: TabDetection | null) => void) =>
    storage.watch<TabDetection>(detectionKey(tabId), (value) => onChange(value)),
};

export function forgetTab(tabId: number): Promise<void> {
  return storage.removeItem(detectionKey(tabId));
}

/**
 * How far the background has read the backend's erasures (`GET /v1/erasures`), for which backend and
 * token (the cache owner's digest): another owner starts from the beginning, against its own cache.
 */
export interface ErasureCursor {
  owner: string;
  after: string | null;
  sweptAt: number;
}
export const erasureCursorItem = storage.defineItem<ErasureCursor>('local:erasureCursor', {
  fallback: { owner: '', after: null, sweptAt: 0 },
  version: 1,
});
