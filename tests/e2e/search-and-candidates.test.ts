import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoListing, TicketCase } from './support/demo-listing.ts';
import { matchedTickets, sidebarOf, sidebarText, startExtensionSession } from './support/extension-session.ts';
import type { ExtensionSession } from './support/extension-session.ts';

/**
 * The ways to a customer the page does not name on its own: search when the lookup finds nobody, and
 * a candidate picked when it finds several; each opens the chosen one's full context from the backend.
 * The options page's extras (connection test, side, hosts) share this session: one backend start less.
 */

/** A requester no system has seen: the lookup of their ticket finds nothing. */
const UNKNOWN: TicketCase = {
  ticketId: 990_001,
  accountName: 'Nobody Ltd',
  person: { name: 'Casey Nobody', email: 'casey.nobody@unknown-requester.example' },
};

let session: ExtensionSession;
let page: Page;
let known: TicketCase;
let ambiguous: TicketCase;
/** The domain of the scenario's account: the backend's name for that candidate may be another source's. */
let ambiguousDomain: string;

/** The consultant of the `ambiguous` scenario: a Zendesk user without an organization, in two customers' workspaces. */
function ambiguousTicket(listing: DemoListing, raw: unknown): TicketCase {
  const scenario = listing.scenarios.ambiguous!;
  const account = listing.accounts.find((a) => a.id === scenario.account)!;
  const person = account.people.find((p) => p.id === scenario.person)!;
  // The harness's listing keeps no domains: read it from the CLI's own output.
  const rawAccount = (raw as { accounts: { id: string; domain: string | null }[] }).accounts.find((a) => a.id === account.id);
  ambiguousDomain = rawAccount?.domain ?? '';
  if (!ambiguousDomain) throw new Error(`The ambiguous scenario's account ${account.id} has no domain in the listing.`);
  return { ticketId: person.tickets[0]!, accountName: account.name, person };
}

beforeAll(async () => {
  session = await startExtensionSession(async (listing, backend) => {
    // A ticket checked against the backend to resolve to its account: the one searched for.
    [known] = (await matchedTickets(1)(listing, backend)) as [TicketCase];
    ambiguous = ambiguousTicket(listing, backend.listing);
    return [UNKNOWN, ambiguous, known];
  });
  await session.signIn();
  page = await session.browser.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

const sidebar = () => sidebarOf(page);

describe('an unknown requester', () => {
  it('says no customer was found, and finds one by search', async () => {
    await page.goto(session.ticketUrl(UNKNOWN.ticketId));
    // The replica renders the requester late: wait for the lookup of the whole page.
    await expect.poll(() => sidebarText(page, 'sidebar-none'), { timeout: 20_000 }).toContain(UNKNOWN.person.email);
    expect(await sidebarText(page, 'sidebar-none')).toContain('No customer found');

    const box = sidebar().getByLabel('Search customers');
    await box.fill(known.accountName.slice(0, 1));
    await expect.poll(() => sidebarText(page, 'search-status')).toBe('Type at least 2 characters.');
    await box.fill(known.accountName);
    const result = sidebar().getByTestId('search-result').filter({ hasText: known.accountName }).filter({ hasText: 'Account' }).first();
    await result.waitFor({ timeout: 15_000 });

    // Keyboard only: from the box down to the result, Enter opens it.
    await box.press('ArrowDown');
    await expect.poll(() => sidebar().locator(':focus').getAttribute('data-testid')).toBe('search-result');
    await result.focus();
    await result.press('Enter');

    await expect.poll(() => sidebarText(page, 'account-name'), { timeout: 15_000 }).toBe(known.accountName);
    const chosen = sidebar().getByTestId('chosen-context');
    expect(await chosen.getAttribute('data-entity')).toMatch(/^account:/);
    expect(Number(await sidebarText(page, 'health-score'))).toBeGreaterThanOrEqual(0);
    expect(await chosen.getByTestId('matches-card').count()).toBe(1);
    expect(await chosen.locator('.property').count()).toBeGreaterThan(0);
    expect(await sidebarText(page, 'sidebar-none')).toBeNull();

    await sidebar().getByRole('button', { name: 'Back to the search' }).click();
    expect(await box.inputValue()).toBe(known.accountName);
    await expect.poll(() => sidebar().getByTestId('search-result').count()).toBeGreaterThan(0);
  });
});

describe('an ambiguous requester', () => {
  const candidate = () => sidebar().getByTestId('sidebar-candidates').getByRole('button').filter({ hasText: ambiguousDomain });
  let candidateName: string;

  it('offers the candidates, and shows the one picked in full', async () => {
    await page.goto(session.ticketUrl(ambiguous.ticketId));
    await expect.poll(() => sidebarText(page, 'sidebar-candidates'), { timeout: 20_000 }).toMatch(/\d+ accounts could match/);
    expect(await sidebarText(page, 'person-name')).toBe(ambiguous.person.name);

    candidateName = (await candidate().locator('.candidates__name').textContent())!;
    await candidate().click();
    await expect.poll(() => candidate().getAttribute('aria-pressed')).toBe('true');
    const chosen = sidebar().getByTestId('chosen-context');
    await chosen.waitFor({ timeout: 15_000 });
    expect(await sidebarText(page, 'account-name')).toBe(candidateName);
    expect(await sidebarText(page, 'sidebar-context')).not.toContain('carries no details');
    expect(Number(await chosen.getByTestId('health-score').textContent())).toBeGreaterThanOrEqual(0);
    expect(await chosen.getByTestId('matches-card').count()).toBe(1);
    expect(await chosen.locator('.property').filter({ hasText: ambiguousDomain }).count()).toBeGreaterThan(0);
  });

  it('shows it from the cache when picked again after a reload', async () => {
    await page.reload();
    await candidate().click({ timeout: 20_000 });
    await expect.poll(() => sidebar().getByTestId('chosen-context').getAttribute('data-origin'), { timeout: 15_000 }).toBe('cache');
    expect(await sidebarText(page, 'account-name')).toBe(candidateName);
  });
});

describe('the background', () => {
  it('runs zod jitless, so it never tries to evaluate code under the CSP', async () => {
    const [worker] = session.browser.context.serviceWorkers();
    expect(await worker!.evaluate(() => (globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig?.jitless)).toBe(true);
  });
});

describe('the options extras', () => {
  let options: Page;
  beforeAll(async () => {
    options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
  });
  afterAll(async () => {
    await options?.close();
  });

  it("tests the connection: the token's role and the backend's version", async () => {
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.getByTestId('test-role').textContent({ timeout: 500 }).catch(() => null), { timeout: 15_000 }).toBe('admin');
    expect(await options.getByTestId('test-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('docks the sidebar on the left, the host page narrowed from the left', async () => {
    await page.goto(session.ticketUrl(known.ticketId));
    await expect.poll(() => sidebarText(page, 'account-name'), { timeout: 20_000 }).toBe(known.accountName);
    await options.getByRole('radio', { name: 'Left' }).check();
    const layout = () =>
      page.evaluate(() => {
        const frame = document.querySelector('[data-sidelight="sidebar"]')!.getBoundingClientRect();
        const style = getComputedStyle(document.documentElement);
        return { left: frame.left, width: frame.width, marginLeft: style.marginLeft, marginRight: style.marginRight };
      });
    await expect.poll(layout, { timeout: 10_000 }).toEqual({ left: 0, width: 360, marginLeft: '360px', marginRight: '0px' });
    await expect.poll(() => sidebar().locator('.panel').getAttribute('data-side')).toBe('left');
    await options.getByRole('radio', { name: 'Right' }).check();
    await expect.poll(layout, { timeout: 10_000 }).toMatchObject({ marginLeft: '0px', marginRight: '360px' });
  });

  it('leaves a host switched off alone: no sidebar on its next page load', async () => {
    await options.getByRole('checkbox', { name: 'Zendesk' }).uncheck();
    await expect.poll(() => options.getByTestId('preferences-status').textContent()).toBe('Saved.');
    await page.reload();
    await page.locator('.context-panel__name').waitFor({ timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await page.locator('[data-sidelight]').count()).toBe(0);
    await options.getByRole('checkbox', { name: 'Zendesk' }).check();
    await page.reload();
    await expect.poll(() => sidebarText(page, 'account-name'), { timeout: 20_000 }).toBe(known.accountName);
  });
});
