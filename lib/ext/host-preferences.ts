import { browser } from 'wxt/browser';
import type { Host } from '../contract/identifiers.ts';
import { HOST_MATCHES } from '../hosts/matches.ts';

/** Which edge of the viewport the sidebar docks on; the host page narrows from that side. */
export type SidebarSide = 'right' | 'left';

/** Set on the options page, read by every content script before it does anything on a page. */
export interface HostPreferences {
  /** A host switched off: its content script neither reads the page nor reports it, and mounts no sidebar. */
  hosts: Record<Host, boolean>;
  side: SidebarSide;
}

const HOSTS = Object.keys(HOST_MATCHES) as Host[];

export const DEFAULT_HOST_PREFERENCES: HostPreferences = {
  hosts: Object.fromEntries(HOSTS.map((host) => [host, true])) as Record<Host, boolean>,
  side: 'right',
};

/**
 * In `storage.sync`, beside the panel state and for the same reasons (lib/ext/panel-state.ts): content
 * scripts may read that area, and plain `browser.storage` keeps WXT's storage items and zod out of them.
 */
const KEY = 'hostPreferences';

/** Anything stored reads as usable preferences: a host is off only when it says `false`. */
export function parseHostPreferences(value: unknown): HostPreferences {
  const stored = (typeof value === 'object' && value !== null ? value : {}) as { hosts?: unknown; side?: unknown };
  const hosts = (typeof stored.hosts === 'object' && stored.hosts !== null ? stored.hosts : {}) as Record<string, unknown>;
  return {
    hosts: Object.fromEntries(HOSTS.map((host) => [host, hosts[host] !== false])) as Record<Host, boolean>,
    side: stored.side === 'left' ? 'left' : 'right',
  };
}

export async function readHostPreferences(): Promise<HostPreferences> {
  return parseHostPreferences((await browser.storage.sync.get(KEY))[KEY]);
}

/** Calls `onChange` with every new value; returns the function that stops watching. */
export function watchHostPreferences(onChange: (preferences: HostPreferences) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && KEY in changes) onChange(parseHostPreferences(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export function saveHostPreferences(preferences: HostPreferences): Promise<void> {
  return browser.storage.sync.set({ [KEY]: preferences });
}
