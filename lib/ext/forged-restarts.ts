import { browser } from 'wxt/browser';

/** WXT's announcement of a newer copy of a content script (`getUniqueEventName` in wxt/utils/internal). */
const restartEventName = () => `${browser.runtime.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;

/**
 * Keeps the host page from stopping this content script. WXT stops a copy when a newer one announces
 * itself with a DOM event on `document`; the page reads our extension id in the sidebar frame's `src`,
 * so one forged `dispatchEvent` would remove the sidebar and stop following the page. A newer copy only
 * comes after the extension was reloaded or updated, which orphans this one (`runtime.id` is gone): while
 * ours is alive the announcement can only be forged, and is stopped (at `window`, in the capture phase)
 * before WXT's listener on `document` hears it. In `wxt dev`, where content scripts are reloaded in place,
 * WXT keeps its way.
 */
export function refuseForgedRestarts(): void {
  // Not a page: unit tests run the content script's logic in Node.
  if (typeof window === 'undefined' || import.meta.env.COMMAND === 'serve') return;
  window.addEventListener(
    restartEventName(),
    (event) => {
      if (browser.runtime?.id) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}
