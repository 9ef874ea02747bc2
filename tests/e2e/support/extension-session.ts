import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import type { ContextRenderedDetail } from '../../../lib/ext/render-marks.ts';
import { startBackend } from './backend.ts';
import type { Backend } from './backend.ts';
import { findChromium, launchWithExtension } from './chromium.ts';
import type { ExtensionBrowser } from './chromium.ts';
import { DemoListing } from './demo-listing.ts';
import type { TicketCase } from './demo-listing.ts';
import { startReplicaServer } from './replica-server.ts';
import type { ReplicaServer, ReplicaTicket } from './replica-server.ts';
import { createSelfSignedCertificate } from './tls.ts';

// The sidebar's extension tests and `bench/sidebar.ts` share this harness (no vitest in here, so the
// benchmark runs it with plain Node). Host-adapter tests have their own, `host-session.ts`.

export const EXTENSION_DIR = fileURLToPath(new URL('../../../.output/chrome-mv3/', import.meta.url));
/** `CONTEXT_RENDERED_MARK` of lib/ext/render-marks.ts (not imported: it would pull the extension into Node). */
const RENDER_MARK = 'sidelight:context-rendered';

/** The demo backend, a replica Zendesk serving `tickets`, and Chromium with the built extension. */
export interface ExtensionSession {
  backend: Backend;
  replica: ReplicaServer;
  browser: ExtensionBrowser;
  tickets: TicketCase[];
  ticketUrl: (ticketId: number) => string;
  /** Fills the options page with the backend's URL and admin token, and waits for the connection test. */
  signIn: () => Promise<void>;
  close: () => Promise<void>;
}

function asReplicaTicket({ ticketId, accountName, person }: TicketCase): ReplicaTicket {
  return {
    id: ticketId,
    subject: `Question from ${person.name}`,
    description: `Hi, this is ${person.name}.`,
    requester: { name: person.name, email: person.email ?? '' },
    organization: { name: accountName },
  };
}

export type TicketPicker = (listing: DemoListing, backend: Backend) => Promise<TicketCase[]>;

export async function startExtensionSession(pickTickets: TicketPicker): Promise<ExtensionSession> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('No built extension in .output/chrome-mv3: run `npm run build:chrome` first.');
  }
  findChromium();
  const tmp = await mkdtemp(join(tmpdir(), 'sidelight-e2e-'));
  const closers: (() => Promise<unknown>)[] = [() => rm(tmp, { recursive: true, force: true })];
  const close = async () => {
    for (const closeOne of closers.splice(0).reverse()) await closeOne().catch(() => undefined);
  };
  try {
    await mkdir(join(tmp, 'data'));
    const backend = await startBackend(join(tmp, 'data'));
    closers.push(() => backend.stop());
    const tickets = await pickTickets(DemoListing.parse(backend.listing), backend);
    const replica = await startReplicaServer(createSelfSignedCertificate(tmp), tickets.map(asReplicaTicket));
    closers.push(() => replica.close());
    // A copy: a rebuild of .output while the browser runs (another test, another session) cannot pull
    // files from under it.
    await cp(EXTENSION_DIR, join(tmp, 'extension'), { recursive: true });
    const browser = await launchWithExtension(join(tmp, 'extension'), join(tmp, 'profile'));
    closers.push(() => browser.context.close());

    const signIn = async () => {
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await options.getByLabel('Backend URL').fill(backend.url);
      await options.getByLabel('Token').fill(backend.token);
      await options.getByRole('button', { name: 'Save' }).click();
      await options.getByTestId('connection-role').waitFor({ timeout: 15_000 });
      await options.close();
    };
    const ticketUrl = (ticketId: number) => `https://acme.zendesk.com:${replica.port}/agent/tickets/${ticketId}`;
    return { backend, replica, browser, tickets, ticketUrl, signIn, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * `count` tickets of distinct accounts that no scenario mentions (scenario accounts are deliberately
 * messy: wrong merges, ambiguous matches, stale sources), each checked against the backend: what the
 * Zendesk adapter reports for it (the ticket id and the requester's email) resolves to its account.
 */
export function matchedTickets(count: number): TicketPicker {
  return async (listing, backend) => {
    const tricky = new Set(Object.values(listing.scenarios).map((s) => s.account));
    const names = new Set<string>();
    const found: TicketCase[] = [];
    for (const account of listing.accounts) {
      if (found.length === count) break;
      if (tricky.has(account.id) || names.has(account.name)) continue;
      const person = account.people.find((p) => p.tickets.length > 0 && p.email);
      if (!person) continue;
      const ticket: TicketCase = { ticketId: person.tickets[0]!, accountName: account.name, person };
      if (!(await resolvesToItsAccount(backend, ticket))) continue;
      names.add(account.name);
      found.push(ticket);
    }
    if (found.length < count) throw new Error(`The demo has only ${found.length} tickets that resolve to their account, not ${count}.`);
    return found;
  };
}

async function resolvesToItsAccount(backend: Backend, { ticketId, accountName, person }: TicketCase): Promise<boolean> {
  const response = await fetch(`${backend.url}/v1/lookup`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${backend.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      host: 'zendesk',
      identifiers: [
        { type: 'zendesk_ticket_id', value: String(ticketId) },
        { type: 'email', value: person.email },
      ],
    }),
  });
  const context = (await response.json()) as { status?: string; account?: { name?: string } | null };
  return context.status === 'matched' && context.account?.name === accountName;
}

export const sidebarOf = (page: Page): FrameLocator => page.locator('iframe[src*="sidebar.html"]').contentFrame();

export function sidebarFrameOf(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/sidebar.html'));
  if (!frame) throw new Error('The page has no sidebar frame.');
  return frame;
}

/** The text of one test id in the sidebar, or null while it is not there. */
export const sidebarText = (page: Page, testId: string) =>
  sidebarOf(page)
    .getByTestId(testId)
    .textContent({ timeout: 500 })
    .catch(() => null);

/** A `sidelight:context-rendered` mark, at a time on the clock `navigateInApp` reads (epoch ms). */
export type RenderMark = ContextRenderedDetail & { at: number };

export function renderMarksOf(frame: Frame): Promise<RenderMark[]> {
  return frame.evaluate(
    (name) =>
      performance.getEntriesByName(name).map((entry) => ({
        ...((entry as PerformanceMark).detail as ContextRenderedDetail),
        at: performance.timeOrigin + entry.startTime,
      })),
    RENDER_MARK,
  );
}

/** Waits in the sidebar for the first render of `url` at or after `since` and returns it. */
export function waitForRender(frame: Frame, url: string, since: number, timeoutMs = 15_000): Promise<RenderMark> {
  return frame.evaluate(
    ({ name, url, since, timeoutMs }) =>
      new Promise<RenderMark>((resolve, reject) => {
        const find = () =>
          performance
            .getEntriesByName(name)
            .map((entry) => ({ ...((entry as PerformanceMark).detail as ContextRenderedDetail), at: performance.timeOrigin + entry.startTime }))
            .find((mark) => mark.url === url && mark.at >= since);
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`No render of ${url} within ${timeoutMs} ms`));
        }, timeoutMs);
        const observer = new PerformanceObserver(() => {
          const mark = find();
          if (!mark) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(mark);
        });
        observer.observe({ type: 'mark' });
        const found = find();
        if (found) {
          observer.disconnect();
          clearTimeout(timer);
          resolve(found);
        }
      }),
    { name: RENDER_MARK, url, since, timeoutMs },
  );
}

/**
 * Clicks the replica's link to a ticket (client-side navigation) and returns the moment of the URL
 * change, read in the host page (epoch ms, high resolution; the sidebar's marks use the same clock).
 */
export function navigateInApp(page: Page, ticketId: number): Promise<number> {
  return page.evaluate((href) => {
    const link = document.querySelector<HTMLAnchorElement>(`.views__list a[href="${href}"]`);
    if (!link) throw new Error(`No link to ${href} in the replica's views list`);
    // The replica's click handler calls history.pushState synchronously: this is the URL change.
    const at = performance.timeOrigin + performance.now();
    link.click();
    return at;
  }, `/agent/tickets/${ticketId}`);
}

/**
 * Stops the extension's service worker through the DevTools protocol, as MV3 does after ~30 s idle, and
 * returns once it is stopped: whatever it kept in memory is gone; the next event starts a new one.
 */
export async function stopExtensionWorker(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const cdp = await browser.context.newCDPSession(page);
    const ours = (version: { scriptURL: string }) => version.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`);
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((version) => ours(version) && version.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await page.close();
  }
}
