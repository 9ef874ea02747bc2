import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intercomJourney } from './support/host-journeys.ts';
import type { IntercomJourney } from './support/host-journeys.ts';
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
let journey: IntercomJourney;
let page: Page;
let warnings: string[];

beforeAll(async () => {
  session = await startExtensionSession((listing) => {
    journey = intercomJourney(listing);
    return { intercom: journey.conversations };
  });
  page = await session.browser.context.newPage();
  warnings = collectSidelightWarnings(page);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await session?.stop();
});

const APP = 'k8w2x7p1';
const inbox = (host: string) => `https://${host}:${session.replica.port}/a/inbox/${APP}/inbox/shared/all`;
const listItem = (conversationId: string) => page.locator(`a[data-id="${conversationId}"]`);
const replicaCounters = () => page.evaluate(() => (window as unknown as { __replica: { loads: number; navigations: number } }).__replica);

describe('the extension beside an Intercom conversation', () => {
  it('resolves a conversation on the EU region (class prefix inbox-2__) to its account', async () => {
    await page.goto(`${inbox('app.eu.intercom.com')}/conversation/${journey.stale.conversationId}`);
    await expectAccount(page, journey.stale.account.name);
    // The EU replica spells its classes after the rename; the US spelling is nowhere on the page.
    // (The replica renders its details sidebar late, like Intercom; the account may show before it.)
    await expect.poll(() => page.locator('[class*="inbox-2__conversation-details-sidebar"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[class*="inbox2__"]').count()).toBe(0);
    // The demo's Intercom export is deliberately stale: the sidebar says so (scenario stale_source).
    await expect.poll(() => sidebarText(page, 'sources-stale-banner'), { timeout: 10_000 }).toMatch(/intercom/i);
  });

  it('follows a click to another conversation and never shows the previous account again', async () => {
    const recorder = await recordAccountNames(page);
    await listItem(journey.other.conversationId).click();
    await page.waitForURL(`**/conversation/${journey.other.conversationId}`);
    await expectAccount(page, journey.other.account.name);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // past the replica's late details sidebar
    expect(shownSince(await recorder.seen(), journey.other.account.name)).not.toContain(journey.stale.account.name);
    expect(await replicaCounters()).toMatchObject({ loads: 1, navigations: 1 });
  });

  it("reads the contact's email from the late details sidebar when the backend does not know the conversation", async () => {
    const recorder = await recordAccountNames(page);
    await listItem(journey.domOnly.conversationId).click();
    await expectAccount(page, journey.domOnly.account.name);
    expect(await sidebarText(page, 'person-name')).toBe(journey.domOnly.person.name);
    await new Promise((resolve) => setTimeout(resolve, 750));
    expect(shownSince(await recorder.seen(), journey.domOnly.account.name)).not.toContain(journey.other.account.name);
  });

  it('follows back and forward', async () => {
    const back = await recordAccountNames(page);
    await page.goBack();
    await page.waitForURL(`**/conversation/${journey.other.conversationId}`);
    await expectAccount(page, journey.other.account.name);
    await new Promise((resolve) => setTimeout(resolve, 750));
    expect(shownSince(await back.seen(), journey.other.account.name)).not.toContain(journey.domOnly.account.name);

    const forward = await recordAccountNames(page);
    await page.goForward();
    await page.waitForURL(`**/conversation/${journey.domOnly.conversationId}`);
    await expectAccount(page, journey.domOnly.account.name);
    await new Promise((resolve) => setTimeout(resolve, 750));
    expect(shownSince(await forward.seen(), journey.domOnly.account.name)).not.toContain(journey.other.account.name);
    expect(await replicaCounters()).toMatchObject({ loads: 1 });
  });

  it('says what it looked for on the conversation list, and leaves the page alone', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.waitForURL(/\/inbox\/shared\/all$/);
    await expect.poll(() => sidebarText(page, 'sidebar-nothing-detected'), { timeout: 10_000 }).toContain('/conversation/ID');
    expect(await sidebarOf(page).getByTestId('account-name').count()).toBe(0);
    expect(await hostPageUntouched(page)).toBe(true);
  });

  it('reads the US spelling (inbox2__) too', async () => {
    const us = await session.browser.context.newPage();
    await us.goto(`${inbox('app.intercom.com')}/conversation/${journey.domOnly.conversationId}`);
    await expectAccount(us, journey.domOnly.account.name);
    expect(await us.locator('[class*="inbox2__conversation-details-sidebar"]').count()).toBe(1);
    expect(await us.locator('[class*="inbox-2__"]').count()).toBe(0);
    await us.close();
  });

  it('never had to report a failure', () => {
    expect(warnings).toEqual([]);
  });
});
