import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from './support/backend.ts';
import type { Backend } from './support/backend.ts';
import { findChromium, launchWithExtension } from './support/chromium.ts';
import type { ExtensionBrowser } from './support/chromium.ts';
import { DemoListing, cleanMatchTicket, ticketOfAnotherAccount } from './support/demo-listing.ts';
import { matchedTickets } from './support/extension-session.ts';
import type { TicketCase } from './support/demo-listing.ts';
import { startReplicaServer } from './support/replica-server.ts';
import type { ReplicaServer, ReplicaTicket } from './support/replica-server.ts';
import { createSelfSignedCertificate } from './support/tls.ts';

const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3/', import.meta.url));
const SIDEBAR_WIDTH_PX = 360;
/** Screenshots a person can look at after a run (not compared: what the tests assert is in the DOM). */
const ARTIFACTS_DIR = fileURLToPath(new URL('../../.output/e2e/', import.meta.url));

let tmp: string | undefined;
let backend: Backend | undefined;
let replica: ReplicaServer | undefined;
let browser: ExtensionBrowser | undefined;
let first: TicketCase;
let second: TicketCase;
let page: Page;

function asReplicaTicket({ ticketId, accountName, person }: TicketCase, subject: string): ReplicaTicket {
  return {
    id: ticketId,
    subject,
    description: `Hi, this is ${person.name}. ${subject}?`,
    requester: { name: person.name, email: person.email ?? '' },
    organization: { name: accountName },
  };
}

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('No built extension in .output/chrome-mv3: run `npm run test:e2e` (it builds first).');
  }
  findChromium();
  tmp = await mkdtemp(join(tmpdir(), 'sidelight-e2e-'));
  await mkdir(join(tmp, 'data'));
  backend = await startBackend(join(tmp, 'data'));
  const listing = DemoListing.parse(backend.listing);
  first = cleanMatchTicket(listing);
  // Another account whose ticket the backend resolves to the listing's name for it (an account known only to
  // billing and the product is named as billing names it, sometimes after the person who pays).
  const candidates = await matchedTickets(3)(listing, backend);
  second = candidates.find((ticket) => ticket.accountName !== first.accountName) ?? ticketOfAnotherAccount(listing, first);
  replica = await startReplicaServer(createSelfSignedCertificate(tmp), [
    asReplicaTicket(first, 'Cannot export invoices'),
    asReplicaTicket(second, 'Seats not updating after upgrade'),
  ]);
  browser = await launchWithExtension(EXTENSION_DIR, join(tmp, 'profile'));
});

afterAll(async () => {
  await browser?.context.close().catch(() => undefined);
  await replica?.close().catch(() => undefined);
  await backend?.stop().catch(() => undefined);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const ticketUrl = (ticketId: number) => `https://acme.zendesk.com:${replica!.port}/agent/tickets/${ticketId}`;
const sidebarOf = (p: Page): FrameLocator => p.locator('iframe[src*="sidebar.html"]').contentFrame();
const textOf = (sidebar: FrameLocator, testId: string) =>
  sidebar
    .getByTestId(testId)
    .textContent({ timeout: 500 })
    .catch(() => null);

describe('the extension beside a Zendesk ticket', () => {
  it('connects to the backend from the options page', async () => {
    const options = await browser!.context.newPage();
    await options.goto(`chrome-extension://${browser!.extensionId}/options.html`);
    await options.getByLabel('Backend URL').fill(backend!.url);
    await options.getByLabel('Token').fill(backend!.token);
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByTestId('connection-result').textContent(), { timeout: 15_000 }).toContain('admin');
    expect(await options.getByTestId('connection-role').textContent()).toBe('admin');
    await options.close();
  });

  it("shows the requester's account in a sidebar the page cannot read", async () => {
    page = await browser!.context.newPage();
    await page.goto(ticketUrl(first.ticketId));
    const sidebar = sidebarOf(page);
    await expect.poll(() => textOf(sidebar, 'account-name'), { timeout: 20_000 }).toBe(first.accountName);
    // The account's health and governed metrics, computed by the backend after its sync.
    expect(Number(await textOf(sidebar, 'health-score'))).toBeGreaterThanOrEqual(0);
    expect(await sidebar.getByTestId('metric-product_usage-value').textContent()).toMatch(/^[\d,.]+$/);
    expect(await sidebar.getByTestId('metric-product_usage').getAttribute('data-window')).toBe('30d');
    await sidebar.getByRole('radio', { name: '7 d' }).click();
    await expect.poll(() => sidebar.getByTestId('metric-product_usage').getAttribute('data-window')).toBe('7d');

    const isolation = await page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[src*="sidebar.html"]');
      return { found: frame !== null, document: frame?.contentDocument ?? null };
    });
    expect(isolation).toEqual({ found: true, document: null });
    // Customer data lives only in the extension's frame, never in the host page's DOM.
    expect(await page.evaluate(() => document.querySelector('[data-sidelight="sidebar"]')?.textContent)).toBe('');
  });

  it('docks beside the host app instead of covering it', async () => {
    await page.locator('.context-panel__name').waitFor();
    const layout = await page.evaluate(() => ({
      viewport: window.innerWidth,
      hostPanelRight: document.querySelector('[data-test-id="ticket-context-panel"]')!.getBoundingClientRect().right,
      sidebarLeft: document.querySelector('iframe[src*="sidebar.html"]')!.getBoundingClientRect().left,
    }));
    expect(layout.sidebarLeft).toBe(layout.viewport - SIDEBAR_WIDTH_PX);
    expect(layout.hostPanelRight).toBeLessThanOrEqual(layout.sidebarLeft);
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'zendesk-ticket.png') });
  });

  it('follows in-app navigation to another ticket without showing the previous customer again', async () => {
    const sidebarFrame = page.frames().find((f) => f.url().includes('/sidebar.html'));
    expect(sidebarFrame).toBeDefined();
    await recordAccountNames(sidebarFrame!);

    await page.locator(`.views__list a[href="/agent/tickets/${second.ticketId}"]`).click();
    await page.waitForURL(ticketUrl(second.ticketId));
    await expect.poll(() => textOf(sidebarOf(page), 'account-name'), { timeout: 20_000 }).toBe(second.accountName);

    // The replica switched tickets with pushState, not a page load, and the sidebar frame stayed.
    expect(await page.evaluate(() => (window as unknown as { __replica: { loads: number; navigations: number } }).__replica))
      .toMatchObject({ loads: 1, navigations: 1 });
    await new Promise((resolve) => setTimeout(resolve, 750));
    const seen = await sidebarFrame!.evaluate(() => (window as unknown as { __seen: (string | null)[] }).__seen);
    const firstNew = seen.indexOf(second.accountName);
    expect(firstNew).toBeGreaterThanOrEqual(0);
    expect(seen.slice(firstNew)).not.toContain(first.accountName);
    expect(seen.at(-1)).toBe(second.accountName);
  });

  it('says what it looked for on a page without a record', async () => {
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(/\/agent\/dashboard$/);
    const sidebar = sidebarOf(page);
    await expect.poll(() => textOf(sidebar, 'sidebar-nothing-detected'), { timeout: 10_000 }).toContain('/agent/tickets/N');
    expect(await sidebar.getByTestId('account-name').count()).toBe(0);
  });
});

/** Records, inside the sidebar frame, every account name it displays from now on (null: none shown). */
async function recordAccountNames(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const read = () => document.querySelector('[data-testid="account-name"]')?.textContent ?? null;
    const seen: (string | null)[] = [read()];
    (window as unknown as { __seen: (string | null)[] }).__seen = seen;
    new MutationObserver(() => {
      const current = read();
      if (seen.at(-1) !== current) seen.push(current);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
