/**
 * The README's pictures of the sidebar: in Chromium with the built extension, the demo backend and a
 * replica Zendesk (the e2e harness, tests/e2e/support), one PNG of the sidebar frame per state.
 *   npm run screenshots        (builds the Chrome extension first)
 * Writes docs/images/sidebar-{matched,ambiguous,stale}.png, each 400 x 800.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { cleanMatchTicket } from '../tests/e2e/support/demo-listing.ts';
import type { TicketCase } from '../tests/e2e/support/demo-listing.ts';
import { sidebarOf, sidebarText, startExtensionSession } from '../tests/e2e/support/extension-session.ts';

const OUT_DIR = fileURLToPath(new URL('../docs/images/', import.meta.url));
const SIZE = { width: 400, height: 800 };
/** How old the stale picture's data is: "1 min ago" reads as stale, "just now" does not. */
const STALE_AGE_MS = 62_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(page: Page, what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) {
      const shown = await sidebarOf(page).locator('body').innerText({ timeout: 1_000 }).catch(() => '(no sidebar)');
      throw new Error(`The sidebar did not show ${what} within ${timeoutMs} ms. It shows:\n${shown}`);
    }
    await sleep(200);
  }
}

async function capture(page: Page, name: string): Promise<void> {
  // Animations and the caret would make every run's pictures differ.
  await sidebarOf(page).locator('body').evaluate(async () => {
    await document.fonts.ready;
  });
  await sleep(300);
  const path = `${OUT_DIR}sidebar-${name}.png`;
  await page.locator('[data-sidelight="sidebar"]').screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.log(`  ${path}`);
}

console.log('Starting the demo backend, the replica Zendesk and Chromium with .output/chrome-mv3 …');
const session = await startExtensionSession(async (listing) => {
  const scenario = listing.scenarios.ambiguous;
  if (!scenario) throw new Error('The demo listing has no `ambiguous` scenario.');
  const account = listing.accounts.find((a) => a.id === scenario.account)!;
  const person = account.people.find((p) => p.id === scenario.person)!;
  const ambiguous: TicketCase = { ticketId: person.tickets[0]!, accountName: account.name, person };
  // The demo's showcase: the same person in every system, with activity to show.
  return [cleanMatchTicket(listing), ambiguous];
});
try {
  const [matched, ambiguous] = session.tickets as [TicketCase, TicketCase];
  await session.signIn();
  await mkdir(OUT_DIR, { recursive: true });
  const page = await session.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: SIZE.height });
  // The panel's width is the sidebar's own setting (lib/ext/panel-state.ts), set here as a user would.
  const options = await session.browser.context.newPage();
  await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
  await options.evaluate(
    (width) => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.sync.set({ sidebarPanel: { collapsed: false, width } }),
    SIZE.width,
  );
  await options.close();

  console.log('Writing the pictures:');
  await page.goto(session.ticketUrl(matched.ticketId));
  await until(page, 'the matched account', async () => (await sidebarText(page, 'account-name')) === matched.accountName);
  await until(page, 'the requester', async () => (await sidebarText(page, 'context-subject'))?.includes(matched.person.name) === true);
  await until(page, 'the health score', async () => (await sidebarText(page, 'health-score')) !== null);
  const matchedAt = Date.now();
  await capture(page, 'matched');

  await page.goto(session.ticketUrl(ambiguous.ticketId));
  await until(page, 'the candidates', async () => (await sidebarText(page, 'sidebar-candidates')) !== null);
  await sidebarOf(page).getByTestId('sidebar-candidates').getByRole('button').first().click();
  await until(page, 'the chosen candidate', async () => (await sidebarOf(page).getByTestId('chosen-context').count()) > 0);
  await sidebarOf(page).locator(':focus').evaluate((element: HTMLElement) => element.blur());
  await capture(page, 'ambiguous');

  // Stale: the backend is gone and the cache answers, with a banner giving the data's age.
  await session.backend.stop();
  await sleep(Math.max(0, matchedAt + STALE_AGE_MS - Date.now()));
  await page.goto(session.ticketUrl(matched.ticketId));
  await until(page, 'the stale banner', async () => (await sidebarText(page, 'stale-banner')) !== null);
  await capture(page, 'stale');
} finally {
  await session.close();
}
