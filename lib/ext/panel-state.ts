import { storage } from 'wxt/utils/storage';
import { PANEL_WIDTH } from './panel-geometry.ts';
import type { PanelState } from './panel-geometry.ts';

/**
 * The sidebar panel's width and whether it is collapsed to a tab: set by the sidebar page, applied to the
 * frame by the content script. In `storage.sync` because content scripts may read that area (the token's
 * area is kept to trusted contexts) and it is a preference, not customer data. Writes are user-paced
 * (a click, the end of a drag): sync storage allows about two writes a second.
 */
export const panelStateItem = storage.defineItem<PanelState>('sync:sidebarPanel', {
  fallback: { collapsed: false, width: PANEL_WIDTH.default },
  version: 1,
});
