import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import type { TabDetection } from './storage.ts';
import { TAB_PORT } from './tab-ports.ts';
import type { TabPortMessage } from './tab-ports.ts';

/**
 * The sidebar's end of its port to the background, which hands it the tab's detections (with the cached
 * context) as they happen. Connecting wakes a stopped worker, so a lost port is not reconnected at once:
 * `ensure()` connects again when the worker shows it is awake (it wrote the tab's detection to storage).
 */
export function followTabPort(tabId: number, onDetection: (value: TabDetection) => void) {
  let port: Browser.runtime.Port | null = null;
  let closed = false;
  const ensure = () => {
    if (port || closed) return;
    const opened = browser.runtime.connect({ name: TAB_PORT });
    port = opened;
    opened.onMessage.addListener((message: TabPortMessage) => {
      if (message?.kind === 'detection' && message.tabId === tabId) onDetection(message.value);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
    });
  };
  return {
    ensure,
    close() {
      closed = true;
      port?.disconnect();
      port = null;
    },
  };
}
