import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DetectionResult } from '../contract/messages.ts';
import type { HostAdapter } from '../hosts/types.ts';
import { createDetectionReporter } from './detection-reporter.ts';
import { followPage } from './follow-page.ts';
import { refuseForgedRestarts } from './forged-restarts.ts';
import { readHostPreferences } from './host-preferences.ts';
import { mountSidebarFrame } from './sidebar-frame.ts';

/** Attribute changes that can reveal a record's pane: a tab becoming current, a cached page shown. */
const WATCHED_ATTRIBUTES = ['aria-current', 'hidden', 'class', 'style', 'href', 'data-record-id', 'data-entity-id'];

const warn = (what: string, error: unknown) => console.warn(`[sidelight] ${what}`, error);

/** A page the adapter failed on (its layout changed): the sidebar says so and what it looked for. */
function readFailure(adapter: HostAdapter, url: URL, error: unknown): DetectionResult {
  warn(`could not read ${url.href}`, error);
  return {
    ok: false,
    host: adapter.id,
    url: url.href,
    reason: 'Sidelight could not read this page: its layout is not one it knows. The page was left as it is.',
    lookedFor: [...adapter.lookedFor],
  };
}

/**
 * The content script's whole job on a host page, unless the options switched its host off: report what
 * the page shows, follow in-app navigation, and dock the sidebar frame. It never holds the token nor
 * renders customer data, and nothing it does throws into the page: every failure is caught here and reported.
 */
export async function runHostPage(ctx: ContentScriptContext, adapter: HostAdapter): Promise<void> {
  try {
    // First, before any await: the page runs between our awaits and could stop us meanwhile.
    refuseForgedRestarts();
    // Switched off in the options: the page is not read, not reported, and gets no sidebar.
    const preferences = await readHostPreferences();
    if (!preferences.hosts[adapter.id] || !ctx.isValid) return;
    const report = createDetectionReporter();
    const follower = followPage({
      read: (url) => adapter.read(url, document),
      report: (result) => report(result).catch((error: unknown) => warn('could not report the page', error)),
      observe(onChange) {
        const observer = new MutationObserver(() => onChange());
        observer.observe(document.documentElement, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
          attributeFilter: WATCHED_ATTRIBUTES,
        });
        return () => observer.disconnect();
      },
      schedule(task, ms) {
        const timer = ctx.setTimeout(() => {
          try {
            task();
          } catch (error) {
            warn('could not follow the page', error);
          }
        }, ms);
        return () => clearTimeout(timer);
      },
      now: () => performance.now(),
      failed: (url, error) => readFailure(adapter, url, error),
    });
    ctx.onInvalidated(() => follower.stop());

    // `location.href` still holds the old URL while this event fires (it comes from the Navigation API's
    // `navigate` event, before the URL commits): the event's `newUrl` is the page being shown. The page
    // can dispatch an event of the same name (it reads our extension id in the frame's `src`), but what
    // it sets on an event stays in its own world: such an event arrives here without a `newUrl`.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      if (!(newUrl instanceof URL)) return;
      try {
        void follower.show(newUrl);
      } catch (error) {
        warn('could not follow the navigation', error);
      }
    });
    // The first report lands before the sidebar exists, so the sidebar never asks about the tab's previous page.
    await follower.show(new URL(location.href));
    if (ctx.isValid) mountSidebarFrame(ctx, preferences.side);
  } catch (error) {
    warn('stopped on this page', error);
  }
}
