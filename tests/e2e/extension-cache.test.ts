import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  matchedTickets,
  navigateInApp,
  renderMarksOf,
  sidebarFrameOf,
  sidebarOf,
  sidebarText,
  startExtensionSession,
  stopExtensionWorker,
  waitForRender,
} from './support/extension-session.ts';
import type { ExtensionSession } from './support/extension-session.ts';

/** The cache's fresh window (lib/ext/context-cache.ts): older entries are revalidated on the next visit. */
const FRESH_MS = 5_000;
const COLLAPSED_WIDTH_PX = 32;

let session: ExtensionSession;
let page: Page;

beforeAll(async () => {
  session = await startExtensionSession(matchedTickets(3));
  await session.signIn();
  page = await session.browser.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

const accountOf = (index: number) => session.tickets[index]!.accountName;
/** Shows a ticket until the sidebar has the whole page: the requester, whom the replica renders late. */
async function showFully(index: number) {
  await expect.poll(() => sidebarText(page, 'account-name'), { timeout: 20_000 }).toBe(accountOf(index));
  await expect.poll(() => sidebarText(page, 'context-subject'), { timeout: 20_000 }).toContain(session.tickets[index]!.person.name);
}
const ticketOf = (index: number) => session.tickets[index]!.ticketId;
const frameBox = () =>
  page.evaluate(() => {
    const box = document.querySelector('[data-sidelight="sidebar"]')!.getBoundingClientRect();
    return { width: box.width, height: box.height, dock: getComputedStyle(document.documentElement).marginRight };
  });

describe('the sidebar cache', () => {
  it('renders a revisited ticket from the cache, without waiting for the backend', async () => {
    await page.goto(session.ticketUrl(ticketOf(0)));
    await showFully(0);
    const frame = sidebarFrameOf(page);
    await navigateInApp(page, ticketOf(1));
    await showFully(1);

    const since = await navigateInApp(page, ticketOf(0));
    const revisit = await waitForRender(frame, session.ticketUrl(ticketOf(0)), since);
    expect(revisit).toMatchObject({ origin: 'cache', offline: false });
    expect(await sidebarText(page, 'account-name')).toBe(accountOf(0));
  });

  it('renders from the cache after the page is loaded again', async () => {
    await page.reload();
    await expect.poll(() => sidebarText(page, 'account-name'), { timeout: 20_000 }).toBe(accountOf(0));
    const marks = await renderMarksOf(sidebarFrameOf(page));
    expect(marks[0]).toMatchObject({ url: session.ticketUrl(ticketOf(0)), origin: 'cache' });
  });
});

describe('the panel', () => {
  it('collapses to a small tab and stays collapsed across a reload', async () => {
    expect(await frameBox()).toMatchObject({ width: 360, dock: '360px' });
    await sidebarOf(page).getByRole('button', { name: 'Collapse Sidelight' }).click();
    await expect.poll(frameBox).toMatchObject({ width: COLLAPSED_WIDTH_PX, dock: `${COLLAPSED_WIDTH_PX}px` });

    await page.reload();
    await sidebarOf(page).getByRole('button', { name: 'Expand Sidelight' }).waitFor({ timeout: 20_000 });
    expect(await frameBox()).toMatchObject({ width: COLLAPSED_WIDTH_PX, dock: `${COLLAPSED_WIDTH_PX}px` });

    await sidebarOf(page).getByRole('button', { name: 'Expand Sidelight' }).click();
    await expect.poll(frameBox).toMatchObject({ width: 360, dock: '360px' });
    await expect.poll(() => sidebarText(page, 'account-name'), { timeout: 20_000 }).toBe(accountOf(0));
  });

  it('is resized from the keyboard and keeps its width across a reload', async () => {
    const handle = sidebarOf(page).getByRole('separator', { name: 'Sidebar width' });
    await handle.focus();
    for (let i = 0; i < 3; i++) await handle.press('ArrowLeft');
    await expect.poll(frameBox).toMatchObject({ width: 408, dock: '408px' });
    await page.reload();
    await expect.poll(() => sidebarText(page, 'account-name'), { timeout: 20_000 }).toBe(accountOf(0));
    expect(await frameBox()).toMatchObject({ width: 408 });

    await sidebarOf(page).getByRole('separator', { name: 'Sidebar width' }).press('End');
    await expect.poll(frameBox).toMatchObject({ width: 480 });
    await sidebarOf(page).getByRole('separator', { name: 'Sidebar width' }).press('Home');
    await expect.poll(frameBox).toMatchObject({ width: 320 });
  });
});

describe('with the backend stopped', () => {
  beforeAll(async () => {
    await session.backend.stop();
    // Past the fresh window, so the next visit asks the backend (and finds it gone).
    await new Promise((resolve) => setTimeout(resolve, FRESH_MS + 500));
  });

  it("still renders a cached ticket, with a banner giving the data's age", async () => {
    const since = await navigateInApp(page, ticketOf(1));
    await waitForRender(sidebarFrameOf(page), session.ticketUrl(ticketOf(1)), since);
    expect(await sidebarText(page, 'account-name')).toBe(accountOf(1));
    await expect.poll(() => sidebarText(page, 'stale-banner'), { timeout: 15_000 }).toMatch(/Can't reach the backend\. Showing what it sent (just now|.+ ago)\./);
  });

  it('says it cannot load a ticket it never saw, and offers to retry', async () => {
    await navigateInApp(page, ticketOf(2));
    await expect.poll(() => sidebarText(page, 'sidebar-error'), { timeout: 15_000 }).toContain('unreachable');
    await sidebarOf(page).getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => sidebarText(page, 'sidebar-error'), { timeout: 15_000 }).toContain('unreachable');
  });

  it('renders from the cache after its worker was stopped and woken again', async () => {
    await stopExtensionWorker(session.browser);
    const since = await navigateInApp(page, ticketOf(0));
    expect(await waitForRender(sidebarFrameOf(page), session.ticketUrl(ticketOf(0)), since)).toMatchObject({ origin: 'cache' });
    expect(await sidebarText(page, 'account-name')).toBe(accountOf(0));
  });
});
