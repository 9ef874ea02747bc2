import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforceJourney } from './support/host-journeys.ts';
import type { SalesforceJourney } from './support/host-journeys.ts';
import {
  collectSidelightWarnings,
  expectAccount,
  hostPageUntouched,
  recordAccountNames,
  shownSince,
  sidebarOf,
  sidebarText,
  startExtensionSession,
} from './support/host-session.ts';
import type { ExtensionSession } from './support/host-session.ts';

/** Seeding and syncing the demo company dominates; a busy machine can take minutes. */
const SETUP_TIMEOUT_MS = 420_000;

let session: ExtensionSession;
let journey: SalesforceJourney;
let page: Page;
let warnings: string[];

beforeAll(async () => {
  session = await startExtensionSession((listing) => {
    journey = salesforceJourney(listing);
    return { salesforce: journey.records };
  });
  page = await session.browser.context.newPage();
  warnings = collectSidelightWarnings(page);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await session?.stop();
});

const org = () => `https://acme.lightning.force.com:${session.replica.port}`;
const replicaCounters = () =>
  page.evaluate(() => (window as unknown as { __replica: { loads: number; navigations: number; replaced: number } }).__replica);
/** Opens a record the way an agent pastes an id into the global search: in-app, by id alone. */
async function openById(id: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search Salesforce' }).fill(id);
  await page.getByRole('searchbox', { name: 'Search Salesforce' }).press('Enter');
}
const subjectShown = (text: string) =>
  expect.poll(() => sidebarOf(page).getByText(text, { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);

describe('the extension beside Salesforce Lightning', () => {
  it('resolves an Account opened by its 15-character id (scenario salesforce_15_char_id)', async () => {
    expect(journey.accountId15).toHaveLength(15);
    await page.goto(`${org()}/lightning/r/Account/${journey.accountId15}/view`);
    await expectAccount(page, journey.account.name);
    // Lightning rewrote the URL to the 18-character id; that replaceState reported nothing new.
    expect(page.url()).toBe(`${org()}/lightning/r/Account/${journey.accountId}/view`);
    expect(await replicaCounters()).toMatchObject({ replaced: 1 });
  });

  it("follows the related list to an Opportunity: the same account's context, for the Opportunity", async () => {
    await page.getByRole('link', { name: `${journey.account.name} – Opportunity 1` }).click();
    await page.waitForURL(`**/lightning/r/Opportunity/${journey.opportunityId}/view`);
    await subjectShown(`Opportunity ${journey.opportunityId}`);
    await expectAccount(page, journey.account.name);
  });

  it('resolves a Contact reached by a 15-character id, read through the shadow roots of its page', async () => {
    const contactId15 = journey.contact.ids.salesforce.slice(0, 15);
    await openById(contactId15);
    await page.waitForURL(/\/lightning\/r\/Contact\/\w{18}\/view$/);
    await subjectShown(`Contact ${journey.contact.ids.salesforce}`);
    await expectAccount(page, journey.account.name);
    await expect.poll(() => sidebarText(page, 'person-name'), { timeout: 10_000 }).toBe(journey.contact.name);
  });

  it('switches to another account and never shows the previous one again', async () => {
    const recorder = await recordAccountNames(page);
    await openById(journey.other.contact.ids.salesforce);
    await expectAccount(page, journey.other.account.name);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // past the replica's late details
    expect(shownSince(await recorder.seen(), journey.other.account.name)).not.toContain(journey.account.name);
  });

  it('goes back to the cached Contact page (hidden, then shown again) without showing the other account after', async () => {
    const recorder = await recordAccountNames(page);
    const before = Date.now();
    await page.goBack();
    await page.waitForURL(/\/lightning\/r\/Contact\/\w{18}\/view$/);
    await expectAccount(page, journey.account.name);
    const seen = await recorder.seen();
    const shown = seen.find((s) => s.name === journey.account.name)!;
    console.info(`[e2e] back to a cached record: sidebar showed its account ${shown.at - before} ms after the click`);
    await new Promise((resolve) => setTimeout(resolve, 750));
    expect(shownSince(await recorder.seen(), journey.account.name)).not.toContain(journey.other.account.name);
    // Two record pages stay in the DOM hidden, as Lightning's cache keeps them.
    expect(await page.locator('.oneContent:not(.active)').count()).toBeGreaterThanOrEqual(2);
    expect(await replicaCounters()).toMatchObject({ loads: 1 });
  });

  it('reads a Lead the backend does not know by the email inside its shadow-root field', async () => {
    const recorder = await recordAccountNames(page);
    await openById(journey.lead.id);
    await expectAccount(page, journey.lead.account.name);
    expect(await sidebarText(page, 'person-name')).toBe(journey.lead.person.name);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(shownSince(await recorder.seen(), journey.lead.account.name)).not.toContain(journey.account.name);
  });

  it('resolves a Case in a console sub-tab (?ws=) and follows its lookup to the Account sub-tab', async () => {
    const ws = encodeURIComponent(`/lightning/r/Account/${journey.accountId}/view`);
    await page.goto(`${org()}/lightning/r/Case/${journey.caseId}/view?ws=${ws}`);
    await subjectShown(`Case ${journey.caseId}`);
    await expectAccount(page, journey.account.name);
    await page.getByRole('link', { name: journey.account.name }).first().click();
    await page.waitForURL(`**/lightning/r/Account/${journey.accountId}/view?ws=${ws}`);
    await subjectShown(`Account ${journey.accountId}`);
    await expectAccount(page, journey.account.name);
    expect(await page.locator('.tabContent.oneSubtab:not(.active)').count()).toBe(1);
  });

  it('says what it looked for on the home page, and leaves the page alone', async () => {
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(/\/lightning\/page\/home$/);
    await expect.poll(() => sidebarText(page, 'sidebar-nothing-detected'), { timeout: 10_000 }).toContain('/lightning/r/');
    expect(await sidebarOf(page).getByTestId('account-name').count()).toBe(0);
    expect(await hostPageUntouched(page)).toBe(true);
  });

  it('never had to report a failure', () => {
    expect(warnings).toEqual([]);
  });
});
