import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { HostAdapter } from '../hosts/types.ts';
import { createDetectionReporter } from './detection-reporter.ts';
import { mountSidebarFrame } from './sidebar-frame.ts';

/**
 * The content script's whole job on a host page: report what the page shows, follow in-app navigation,
 * and dock the sidebar frame. It never holds the token nor renders customer data.
 */
export async function runHostPage(ctx: ContentScriptContext, adapter: HostAdapter): Promise<void> {
  const report = createDetectionReporter(adapter, document);
  const reportQuietly = (url: URL) =>
    report(url).catch((error: unknown) => console.warn('[sidelight] could not report the page', error));

  // `location.href` still holds the old URL while this event fires (it comes from the Navigation API's
  // `navigate` event, before the URL commits): the event's `newUrl` is the page being shown.
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void reportQuietly(newUrl));
  // The first report lands before the sidebar exists, so the sidebar never asks about the tab's previous page.
  await reportQuietly(new URL(location.href));
  if (ctx.isValid) mountSidebarFrame(ctx);
}
