import { storage } from 'wxt/utils/storage';
import type { Context, DetectionResult } from '../contract/index.ts';

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

/** Settings live in `storage.local`; only the background reads the token (pages see `hasToken`). */
export const backendUrlItem = storage.defineItem<string>('local:backendUrl', {
  fallback: DEFAULT_BACKEND_URL,
  version: 1,
});
export const tokenItem = storage.defineItem<string>('local:token', { fallback: '', version: 1 });

/** Changes whenever the settings are saved, so cached contexts and open sidebars know to start over. */
export const settingsRevisionItem = storage.defineItem<string>('session:settingsRevision', { fallback: '' });

export interface Settings {
  backendUrl: string;
  token: string;
  revision: string;
}

export async function readSettings(): Promise<Settings> {
  const [backendUrl, token, revision] = await Promise.all([
    backendUrlItem.getValue(),
    tokenItem.getValue(),
    settingsRevisionItem.getValue(),
  ]);
  return { backendUrl, token, revision };
}

/**
 * Per-tab state lives in `storage.session`, not in the worker's memory: MV3 stops the worker after ~30 s
 * idle, and the session area survives that (and is wiped with the browser session).
 */
export interface TabDetection {
  /** Changes only when the detection means something else, so an unchanged page costs no new lookup. */
  revision: string;
  detection: DetectionResult;
}

export interface TabLookup {
  /** The settings revision and identifiers the context was fetched for. */
  key: string;
  context: Context;
  fetchedAt: number;
}

const detectionKey = (tabId: number) => `session:tab:${tabId}:detection` as const;
const lookupKey = (tabId: number) => `session:tab:${tabId}:lookup` as const;

export const tabDetections = {
  get: (tabId: number) => storage.getItem<TabDetection>(detectionKey(tabId)),
  set: (tabId: number, value: TabDetection) => storage.setItem(detectionKey(tabId), value),
  watch: (tabId: number, onChange: (value: TabDetection | null) => void) =>
    storage.watch<TabDetection>(detectionKey(tabId), (value) => onChange(value)),
};

export const tabLookups = {
  get: (tabId: number) => storage.getItem<TabLookup>(lookupKey(tabId)),
  set: (tabId: number, value: TabLookup) => storage.setItem(lookupKey(tabId), value),
};

export function forgetTab(tabId: number): Promise<void> {
  return storage.removeItems([detectionKey(tabId), lookupKey(tabId)]);
}
