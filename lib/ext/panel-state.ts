import { browser } from 'wxt/browser';
import { DEFAULT_PANEL_STATE, clampPanelWidth } from './panel-geometry.ts';
import type { PanelState } from './panel-geometry.ts';

/**
 * The sidebar panel's width and whether it is collapsed to a tab: set by the sidebar page, applied to the
 * frame by the content script. In `storage.sync` because content scripts may read that area (the token's
 * area is kept to trusted contexts) and it is a preference, not customer data. Writes are user-paced (a
 * click, the end of a drag): sync storage allows about two writes a second. Plain `browser.storage`
 * rather than WXT's storage items, which would add ~3 KB gzipped to every content script.
 */
const KEY = 'sidebarPanel';

function parsePanelState(value: unknown): PanelState {
  if (typeof value !== 'object' || value === null) return DEFAULT_PANEL_STATE;
  const { collapsed, width } = value as Partial<PanelState>;
  return { collapsed: collapsed === true, width: clampPanelWidth(Number(width)) };
}

export async function readPanelState(): Promise<PanelState> {
  return parsePanelState((await browser.storage.sync.get(KEY))[KEY]);
}

/** Calls `onChange` with every new panel state; returns the function that stops watching. */
export function watchPanelState(onChange: (state: PanelState) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && KEY in changes) onChange(parsePanelState(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export function savePanelState(state: PanelState): Promise<void> {
  return browser.storage.sync.set({ [KEY]: state });
}
