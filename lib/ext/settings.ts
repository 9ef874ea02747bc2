import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { DEFAULT_BACKEND_URL, backendUrlItem, settingsRevisionItem, tokenItem } from './storage.ts';
import { workerMemory } from './worker-memory.ts';

/** The settings in effect: what policy sets wins over what the user saved, and is shown as locked. */
export interface Settings {
  backendUrl: string;
  token: string;
  locked: { backendUrl: boolean; token: boolean };
  /** Changes on every save: sidebars key their queries by it. */
  revision: string;
}

/** A backend URL as we keep it: http(s) only, no trailing slash. Null when it is not one. */
export function normaliseBackendUrl(value: string): string | null {
  const url = URL.parse(value.trim());
  if (!url || !['http:', 'https:'].includes(url.protocol)) return null;
  return url.href.replace(/\/+$/, '');
}

// Each field stands alone: one bad policy value must not drop the other.
const ManagedSettings = z.object({
  backendUrl: z
    .string()
    .transform((value) => normaliseBackendUrl(value) ?? undefined)
    .optional()
    .catch(undefined),
  token: z.string().trim().min(1).optional().catch(undefined),
});
export type ManagedSettings = z.infer<typeof ManagedSettings>;

/**
 * The last values read from enterprise policy. Chromium answers the first `storage.managed` read of a
 * browser session only after loading policy, which took 2.6 s here: lookups read this copy instead, and
 * the background refreshes it at start-up and whenever the policy changes.
 */
const managedCopyItem = storage.defineItem<ManagedSettings | null>('local:managedSettings', { fallback: null });

/**
 * Reads enterprise policy (`storage.managed`, described to Chrome by `public/managed-schema.json`) and
 * updates the copy. Returns whether the policy changed since the copy was made.
 */
export async function refreshManagedSettings(): Promise<boolean> {
  let managed: ManagedSettings;
  try {
    managed = ManagedSettings.parse(await browser.storage.managed.get(['backendUrl', 'token']));
  } catch {
    // Firefox rejects when no policy manifest is installed: that means "nothing set".
    managed = {};
  }
  const copy = await managedCopyItem.getValue();
  if (copy && JSON.stringify(copy) === JSON.stringify(managed)) return false;
  await managedCopyItem.setValue(managed);
  workerMemory.settings = null;
  return copy !== null;
}

/** The settings in effect, read once per worker and again after every change this worker makes. */
export function readSettings(): Promise<Settings> {
  workerMemory.settings ??= readStoredSettings().catch((error: unknown) => {
    workerMemory.settings = null;
    throw error;
  });
  return workerMemory.settings;
}

/** Drops the worker's copy of the settings: another context changed them in storage. */
export function forgetSettings(): void {
  workerMemory.settings = null;
}

/** One read of the saved settings and the policy's copy (the policy itself only before the first copy). */
async function readStoredSettings(): Promise<Settings> {
  // One read per storage area: this is on the path of every sidebar render (once per worker).
  const [savedUrl, savedToken, copy, revision] = await storage.getItems([backendUrlItem, tokenItem, managedCopyItem, settingsRevisionItem]);
  const managedCopy = copy?.value as ManagedSettings | null;
  if (managedCopy === null) {
    await refreshManagedSettings();
    return readStoredSettings();
  }
  const backendUrl = (savedUrl?.value as string | null) ?? DEFAULT_BACKEND_URL;
  const token = (savedToken?.value as string | null) ?? '';
  return {
    backendUrl: managedCopy.backendUrl ?? backendUrl,
    token: managedCopy.token ?? token,
    locked: { backendUrl: managedCopy.backendUrl !== undefined, token: managedCopy.token !== undefined },
    revision: (revision?.value as string | null) ?? '',
  };
}

/** Tells open sidebars to start over (their queries are keyed by this revision). */
export function bumpSettingsRevision(): Promise<void> {
  forgetSettings();
  return settingsRevisionItem.setValue(crypto.randomUUID());
}

export type SaveOutcome = { ok: true } | { ok: false; message: string };

/** Saves what the user typed; a field the policy sets cannot be changed here. */
export async function saveSettings(input: { backendUrl: string; token?: string | undefined }): Promise<SaveOutcome> {
  const backendUrl = normaliseBackendUrl(input.backendUrl);
  if (!backendUrl) return { ok: false, message: 'The backend URL must start with http:// or https://.' };
  const { locked, backendUrl: current } = await readSettings();
  if (locked.backendUrl && backendUrl !== current) {
    return { ok: false, message: 'The backend URL is set by your organisation and cannot be changed here.' };
  }
  if (locked.token && input.token) {
    return { ok: false, message: 'The token is set by your organisation and cannot be changed here.' };
  }
  if (!locked.backendUrl) await backendUrlItem.setValue(backendUrl);
  if (input.token) await tokenItem.setValue(input.token);
  await bumpSettingsRevision();
  return { ok: true };
}

/** Forgets the saved token (a token set by policy stays: the policy owns it). */
export async function forgetToken(): Promise<void> {
  await tokenItem.removeValue();
  await bumpSettingsRevision();
}
