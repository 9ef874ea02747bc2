import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioOf } from './support/host-journeys.ts';
import { sidebarOf, startExtensionSession } from './support/host-session.ts';
import type { ExtensionSession } from './support/host-session.ts';

/**
 * Issue 8's CS-rep journey on an Intercom EU conversation: the demo's `wrong_merge` scenario, where a
 * team alias put a different person's Salesforce contact into this person. The rep flags it, sees the
 * split at once, undoes it, flags it again, and finds it in the review queue.
 */
const SETUP_TIMEOUT_MS = 420_000;
const APP = 'k8w2x7p1';

let session: ExtensionSession;
let page: Page;
let conversationId: string;
let salesforceContact: string;
let personName: string;

beforeAll(async () => {
  session = await startExtensionSession((listing) => {
    const { account, person } = scenarioOf(listing, 'wrong_merge');
    conversationId = person.conversations[0]!;
    personName = person.name;
    // The Salesforce contact the alias sits on: named in the scenario's note.
    salesforceContact = /\((00[35][A-Za-z0-9]{12,15})\)/.exec(listing.scenarios.wrong_merge.note)![1]!;
    return {
      intercom: [
        {
          id: conversationId,
          subject: 'Export keeps timing out',
          messages: [`Hi, ${person.name} from ${account.name} here.`, 'The export times out again.'],
          contact: { id: person.ids.intercom_contact!, name: person.name, email: person.email! },
          company: { id: account.ids.intercom_company ?? 'f'.repeat(24), name: account.name },
        },
      ],
    };
  });
  page = await session.browser.context.newPage();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await session?.stop();
});

const conversationUrl = () => `https://app.eu.intercom.com:${session.replica.port}/a/inbox/${APP}/inbox/shared/all/conversation/${conversationId}`;
const contactRow = (sidebar: FrameLocator) => sidebar.locator(`[data-testid="match"][data-record$=":${salesforceContact}"]`);
const inForce = (sidebar: FrameLocator) => sidebar.locator(`[data-testid="flag-in-force"][data-record$=":${salesforceContact}"]`);

async function personTab(sidebar: FrameLocator): Promise<void> {
  await expect.poll(() => sidebar.getByTestId('person-name').count(), { timeout: 30_000 }).toBe(1);
  const tab = sidebar.getByRole('tab', { name: /^Person/ });
  if ((await tab.count()) > 0) await tab.click();
}

async function flag(sidebar: FrameLocator, note: string): Promise<void> {
  const row = contactRow(sidebar);
  await row.getByRole('button', { name: /Not the same person/ }).click();
  await row.getByLabel('Note (optional)').fill(note);
  await row.getByRole('button', { name: 'Flag', exact: true }).click();
}

describe('a CS rep on an Intercom EU conversation', () => {
  it('sees the wrong identity match: the other person’s Salesforce contact merged in by a shared email', async () => {
    await page.goto(conversationUrl());
    const sidebar = sidebarOf(page);
    await personTab(sidebar);
    await expect.poll(() => contactRow(sidebar).count(), { timeout: 20_000 }).toBe(1);
    expect(await contactRow(sidebar).textContent()).toMatch(/email/i);
  });

  it('flags it and sees the split at once; the conversation still shows this person', async () => {
    const sidebar = sidebarOf(page);
    await flag(sidebar, 'Dana uses the ops@ alias too');
    await expect.poll(() => contactRow(sidebar).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => inForce(sidebar).textContent({ timeout: 500 }).catch(() => null), { timeout: 10_000 }).toContain('Dana uses the ops@ alias too');
    // The conversation names its contact by id: the shared email no longer decides who this is.
    expect(await sidebar.getByTestId('person-name').textContent()).toBe(personName);
  });

  it('undoes the flag from the same card, and flags it again', async () => {
    const sidebar = sidebarOf(page);
    await inForce(sidebar).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => contactRow(sidebar).count(), { timeout: 20_000 }).toBe(1);
    await flag(sidebar, 'Really a different person');
    await expect.poll(() => contactRow(sidebar).count(), { timeout: 20_000 }).toBe(0);
  });

  it('finds the flag in the review queue with its evidence', async () => {
    const review = await session.browser.context.newPage();
    await review.goto(`chrome-extension://${session.browser.extensionId}/review.html`);
    const item = review.getByTestId('review-item').filter({ hasText: salesforceContact });
    await item.first().waitFor({ timeout: 20_000 });
    expect(await item.count()).toBe(1);
    expect(await item.getAttribute('data-kind')).toBe('flag');
    expect(await item.getByTestId('review-evidence').textContent()).toMatch(/email/i);
    await review.close();
  });
});
