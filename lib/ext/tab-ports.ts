import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import type { TabDetection } from './storage.ts';

/** The name a sidebar's port to the background carries. */
export const TAB_PORT = 'sidelight:tab';

/** What the background posts on a sidebar's port: its tab's detection, with the seed when it has one. */
export interface TabPortMessage {
  kind: 'detection';
  tabId: number;
  value: TabDetection;
}

/** Open sidebar ports, by the tab they are shown in (the worker's memory: ports die with the worker). */
const ports = new Map<number, Set<Browser.runtime.Port>>();

/**
 * Accepts ports from our own sidebar page only, shown in a tab (the browser fills `sender`: a content
 * script or another page cannot pass for it), and files them by that tab. The port only carries the
 * background's news to the sidebar; nothing the sidebar could post on it is read.
 */
export function listenForTabPorts(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== TAB_PORT) return;
    const { sender } = port;
    const tabId = sender?.tab?.id;
    const fromSidebar = sender?.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/sidebar.html'));
    if (!fromSidebar || tabId === undefined || tabId < 0) {
      port.disconnect();
      return;
    }
    const open = ports.get(tabId) ?? new Set();
    open.add(port);
    ports.set(tabId, open);
    port.onDisconnect.addListener(() => {
      open.delete(port);
      if (open.size === 0 && ports.get(tabId) === open) ports.delete(tabId);
    });
  });
}

/**
 * Hands a tab's new detection straight to its open sidebars: one message, instead of a `storage.session`
 * write whose change event carries the old and the new value to every extension page. Returns whether a
 * sidebar took it (then storage need not carry the seed).
 */
export function postToTab(tabId: number, value: TabDetection): boolean {
  let delivered = false;
  for (const port of ports.get(tabId) ?? []) {
    try {
      port.postMessage({ kind: 'detection', tabId, value } satisfies TabPortMessage);
      delivered = true;
    } catch {
      // Disconnected meanwhile: its onDisconnect removes it.
    }
  }
  return delivered;
}
