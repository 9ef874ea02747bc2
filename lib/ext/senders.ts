import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { HOSTS } from '../contract/identifiers.ts';
import type { Host } from '../contract/identifiers.ts';
import { HOST_MATCHES } from '../hosts/matches.ts';

/** Who sent a message, once the background has checked it. */
export type Caller =
  | { kind: 'content-script'; host: Host; tabId: number; url: URL }
  | { kind: 'extension-page'; tabId: number | null };

const PATTERNS = HOSTS.map((host) => ({ host, patterns: HOST_MATCHES[host].map((p) => new MatchPattern(p)) }));

export function hostOfUrl(url: URL): Host | null {
  // A string, not the URL: MatchPattern tests `instanceof Location`, which a service worker does not define.
  return PATTERNS.find(({ patterns }) => patterns.some((p) => p.includes(url.href)))?.host ?? null;
}

/**
 * Identifies a sender we serve, or returns null: our content script in the top frame of a tab showing
 * one of our hosts, or a page of our own extension. Anything else (another extension, a frame of an
 * unknown site) is refused.
 */
export function identifyCaller(sender: Browser.runtime.MessageSender): Caller | null {
  if (sender.id !== browser.runtime.id || !sender.url) return null;
  if (sender.url.startsWith(browser.runtime.getURL('/'))) {
    return { kind: 'extension-page', tabId: sender.tab?.id ?? null };
  }
  const url = URL.parse(sender.url);
  const host = url && hostOfUrl(url);
  const tabId = sender.tab?.id;
  if (!url || !host || tabId === undefined || tabId < 0 || sender.frameId !== 0) return null;
  return { kind: 'content-script', host, tabId, url };
}
