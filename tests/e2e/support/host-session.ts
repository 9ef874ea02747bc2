import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DemoListing } from '../../../server/demo/listing.ts';
import { startBackend } from './backend.ts';
import type { Backend } from './backend.ts';
import { findChromium, launchWithExtension } from './chromium.ts';
import type { ExtensionBrowser } from './chromium.ts';
import { startReplicaServer } from './replica-server.ts';
import type { ReplicaApps, ReplicaServer, ReplicaTicket } from './replica-server.ts';
import { createSelfSignedCertificate } from './tls.ts';

const EXTENSION_DIR = fileURLToPath(new URL('../../../.output/chrome-mv3/', import.meta.url));

/** One backend on the demo company, one replica server and one browser with the extension, per test file. */
export interface ExtensionSession {
  backend: Backend;
  replica: ReplicaServer;
  browser: ExtensionBrowser;
  listing: DemoListing;
  stop: () => Promise<void>;
}

/**
 * Starts the backend, the replica apps (their data chosen from the demo listing by `replicas`) and the
 * browser, and connects the extension to the backend through its options page.
 */
export async function startExtensionSession(
  replicas: (listing: DemoListing) => { tickets?: ReplicaTicket[] } & ReplicaApps,
): Promise<ExtensionSession> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('No built extension in .output/chrome-mv3: run `npm run test:e2e` (it builds first).');
  }
  findChromium();
  const tmp = await mkdtemp(join(tmpdir(), 'sidelight-e2e-'));
  const parts: Partial<ExtensionSession> = {};
  const stop = async () => {
    await parts.browser?.context.close().catch(() => undefined);
    await parts.replica?.close().catch(() => undefined);
    await parts.backend?.stop().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  };
  try {
    // A copy, taken first: a build started meanwhile (another test run) must not change the extension under the browser.
    await cp(EXTENSION_DIR, join(tmp, 'extension'), { recursive: true });
    await mkdir(join(tmp, 'data'));
    parts.backend = await startBackend(join(tmp, 'data'));
    parts.listing = DemoListing.parse(parts.backend.listing);
    const { tickets = [], ...apps } = replicas(parts.listing);
    parts.replica = await startReplicaServer(createSelfSignedCertificate(tmp), tickets, apps);
    parts.browser = await launchWithExtension(join(tmp, 'extension'), join(tmp, 'profile'));
    await connect(parts.browser, parts.backend);
    return { ...(parts as Omit<ExtensionSession, 'stop'>), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function connect(browser: ExtensionBrowser, backend: Backend): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel('Backend URL').fill(backend.url);
  await options.getByLabel('Token').fill(backend.token);
  await options.getByRole('button', { name: 'Save' }).click();
  // In a hook, not a test: a locator wait rather than expect.poll.
  await options.getByTestId('connection-result').filter({ hasText: 'admin' }).waitFor({ timeout: 15_000 });
  await options.close();
}

export const sidebarOf = (page: Page): FrameLocator => page.locator('iframe[src*="sidebar.html"]').contentFrame();

/** The text of a test id in the sidebar now, or null when it is not shown. */
export const sidebarText = (page: Page, testId: string) =>
  sidebarOf(page)
    .getByTestId(testId)
    .first()
    .textContent({ timeout: 500 })
    .catch(() => null);

/** Waits until the sidebar shows `accountName` as the account. */
export async function expectAccount(page: Page, accountName: string): Promise<void> {
  await expect.poll(() => sidebarText(page, 'account-name'), { timeout: 20_000 }).toBe(accountName);
}

/**
 * Records, inside the sidebar frame, every account name it displays from now on (null: none shown), with
 * the time it appeared; `seen()` returns them.
 */
export async function recordAccountNames(page: Page): Promise<{ seen: () => Promise<{ name: string | null; at: number }[]> }> {
  const frame = await sidebarFrame(page);
  await frame.evaluate(() => {
    const read = () => document.querySelector('[data-testid="account-name"]')?.textContent ?? null;
    const seen = [{ name: read(), at: Date.now() }];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver(() => {
      const name = read();
      if (seen.at(-1)!.name !== name) seen.push({ name, at: Date.now() });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return {
    seen: () => frame.evaluate(() => (window as unknown as { __seen: { name: string | null; at: number }[] }).__seen),
  };
}

/** The names shown from the first time `name` appeared on; fails if it never did. */
export function shownSince(seen: readonly { name: string | null }[], name: string): (string | null)[] {
  const first = seen.findIndex((s) => s.name === name);
  expect(first, `${name} was never shown; shown: ${JSON.stringify(seen.map((s) => s.name))}`).toBeGreaterThanOrEqual(0);
  return seen.slice(first).map((s) => s.name);
}

async function sidebarFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/sidebar.html')), { timeout: 15_000 }).toBe(true);
  return page.frames().find((f) => f.url().includes('/sidebar.html'))!;
}

/** Collects the content script's own warnings (`[sidelight] …`): a run on a known layout has none. */
export function collectSidelightWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('[sidelight]')) warnings.push(message.text());
  });
  return warnings;
}

/** Whether the extension left the host page's own DOM alone: its only nodes are the frame's wrapper on <html> and the dock style. */
export async function hostPageUntouched(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const ours = [...document.querySelectorAll('[data-sidelight]')];
    const wrapperOnHtml = ours.filter((el) => el.parentElement === document.documentElement).length === 1;
    const styleInHead = ours.filter((el) => el.tagName === 'STYLE' && el.parentElement === document.head).length <= 1;
    const nothingInBody = !document.body.querySelector('[data-sidelight], iframe[src*="sidebar.html"]');
    return ours.length <= 2 && wrapperOnHtml && styleInHead && nothingInBody;
  });
}
