import type { FrameLocator, Locator, Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './support/backend.ts';
import type { DemoListing, TicketCase } from './support/demo-listing.ts';
import { sidebarOf, startExtensionSession, stopExtensionWorker } from './support/extension-session.ts';
import type { ExtensionSession } from './support/extension-session.ts';

/** A person seen on a Zendesk ticket, and a record of theirs from another system, to flag. */
interface FlagCase {
  ticket: TicketCase;
  personId: string;
  record: { source: string; sourceId: string };
}

interface LookupContext {
  status: string;
  person: { id: string } | null;
  matches: { entity: { kind: string; id: string }; source: string; sourceId: string }[];
}

async function lookupTicket(backend: Backend, ticketId: number): Promise<LookupContext> {
  const response = await fetch(`${backend.url}/v1/lookup`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${backend.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ host: 'zendesk', identifiers: [{ type: 'zendesk_ticket_id', value: String(ticketId) }] }),
  });
  return (await response.json()) as LookupContext;
}

/**
 * Tickets whose requester resolves, by the ticket alone, to a person with a record from a system other
 * than Zendesk (the one to flag). The replica shows these requesters without an email: flagging a record
 * that shares the requester's email leaves that email naming two people (ambiguous), while the ticket
 * keeps naming the one it belongs to, so the sidebar goes on showing that person.
 */
async function flagCases(listing: DemoListing, backend: Backend, count: number): Promise<FlagCase[]> {
  const tricky = new Set(Object.values(listing.scenarios).map((s) => s.account));
  const found: FlagCase[] = [];
  for (const account of listing.accounts) {
    if (found.length === count) break;
    if (tricky.has(account.id)) continue;
    const person = account.people.find((p) => p.tickets.length > 0);
    if (!person) continue;
    const context = await lookupTicket(backend, person.tickets[0]!);
    const other = context.matches.find((m) => m.entity.kind === 'person' && m.source !== 'zendesk');
    if (context.status !== 'matched' || !context.person || !other) continue;
    found.push({
      ticket: { ticketId: person.tickets[0]!, accountName: account.name, person: { name: person.name, email: null } },
      personId: context.person.id,
      record: { source: other.source, sourceId: other.sourceId },
    });
  }
  if (found.length < count) throw new Error(`The demo has only ${found.length} tickets with a person to flag, not ${count}.`);
  return found;
}

let session: ExtensionSession;
let cases: FlagCase[];
let page: Page;

beforeAll(async () => {
  session = await startExtensionSession(async (listing, backend) => {
    cases = await flagCases(listing, backend, 2);
    return cases.map((c) => c.ticket);
  });
  await session.signIn();
  page = await session.browser.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

/** A failed step leaves a screenshot of the ticket and its sidebar for a person to look at. */
const ARTIFACTS_DIR = fileURLToPath(new URL('../../.output/e2e/', import.meta.url));
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail' || !page) return;
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS_DIR}flag-outbox-${task.name.replace(/\W+/g, '-')}.png` }).catch(() => undefined);
});

/** The flags the backend holds for a person and a record. */
async function flagsOnBackend({ personId, record }: FlagCase): Promise<{ id: string; status: string }[]> {
  const response = await fetch(`${session.backend.url}/v1/flags?entity=${personId}`, {
    headers: { Authorization: `Bearer ${session.backend.token}` },
  });
  const { flags } = (await response.json()) as { flags: { id: string; status: string; record: { sourceId: string } }[] };
  return flags.filter((flag) => flag.record.sourceId === record.sourceId);
}

/** Opens the ticket and shows its person in the sidebar (a tab beside the account, when there is one). */
async function showPerson(flagCase: FlagCase): Promise<FrameLocator> {
  await page.goto(session.ticketUrl(flagCase.ticket.ticketId));
  const sidebar = sidebarOf(page);
  // (The person's name there is the golden one, which need not be the name on the ticket.)
  await expect.poll(() => sidebar.getByTestId('person-name').count(), { timeout: 20_000 }).toBe(1);
  const tab = sidebar.getByRole('tab', { name: new RegExp(`^Person`) });
  if ((await tab.count()) > 0) await tab.click();
  await expect.poll(() => rowOf(sidebar, flagCase).count(), { timeout: 20_000 }).toBe(1);
  return sidebar;
}

const recordKey = ({ record }: FlagCase) => `${record.source}:${record.sourceId}`;
const rowOf = (sidebar: FrameLocator, flagCase: FlagCase) => sidebar.locator(`[data-testid="match"][data-record="${recordKey(flagCase)}"]`);
const inForceOf = (sidebar: FrameLocator, flagCase: FlagCase) => sidebar.locator(`[data-testid="flag-in-force"][data-record="${recordKey(flagCase)}"]`);
const textOf = (locator: Locator) => locator.first().textContent({ timeout: 500 }).catch(() => null);

async function flagFromRow(sidebar: FrameLocator, flagCase: FlagCase, note: string): Promise<void> {
  const row = rowOf(sidebar, flagCase);
  await row.getByRole('button', { name: /Not the same person/ }).click();
  await row.getByLabel('Note (optional)').fill(note);
  await row.getByRole('button', { name: 'Flag', exact: true }).click();
}

describe('flags from the sidebar', () => {
  it('flags a record, shows it at once, and splits it out once the backend has it', async () => {
    const [flagCase] = cases;
    const sidebar = await showPerson(flagCase!);
    await flagFromRow(sidebar, flagCase!, 'Another person with the same name');
    // At once, before (or as) the backend answers.
    await expect.poll(() => textOf(sidebar.getByTestId('flag-status')), { timeout: 5_000 }).toMatch(/Flagged — (pending|sent)|Flag in force/);
    // Sent: the sidebar fetches the context again and the record has left the person.
    await expect.poll(() => rowOf(sidebar, flagCase!).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => textOf(inForceOf(sidebar, flagCase!)), { timeout: 5_000 }).toContain('Another person with the same name');
    expect(await flagsOnBackend(flagCase!)).toEqual([expect.objectContaining({ status: 'applied' })]);
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS_DIR}flag-outbox-flagged.png` });
  });

  it('undoes it from the same card: the record comes back', async () => {
    const [flagCase] = cases;
    const sidebar = sidebarOf(page);
    await inForceOf(sidebar, flagCase!).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rowOf(sidebar, flagCase!).count(), { timeout: 20_000 }).toBe(1);
    expect(await inForceOf(sidebar, flagCase!).count()).toBe(0);
    expect(await rowOf(sidebar, flagCase!).getByTestId('flag-status').count()).toBe(0);
    expect(await flagsOnBackend(flagCase!)).toEqual([expect.objectContaining({ status: 'undone' })]);
  });
});

describe('a flag made while the backend is down', () => {
  it('waits in the outbox, pending, and the popup counts it', async () => {
    const [, flagCase] = cases;
    const sidebar = await showPerson(flagCase!);
    await session.backend.stop();
    await flagFromRow(sidebar, flagCase!, 'Made offline');
    await expect.poll(() => textOf(rowOf(sidebar, flagCase!).getByTestId('flag-status')), { timeout: 20_000 }).toMatch(
      /Flagged — pending.*Retrying: The backend at .* is unreachable\./,
    );
    const popup = await session.browser.context.newPage();
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
    await expect.poll(() => popup.getByTestId('outbox-pending').textContent(), { timeout: 10_000 }).toBe('1 pending');
    await popup.close();
  });

  it('arrives exactly once after the backend is back, though the worker was stopped in between', async () => {
    const [, flagCase] = cases;
    await stopExtensionWorker(session.browser);
    await session.backend.restart();
    const sidebar = sidebarOf(page);
    // Woken by its alarm, a new worker sends it from IndexedDB; the sidebar follows.
    await expect.poll(() => rowOf(sidebar, flagCase!).count(), { timeout: 90_000 }).toBe(0);
    await expect.poll(() => textOf(inForceOf(sidebar, flagCase!)), { timeout: 10_000 }).toContain('Made offline');
    expect(await flagsOnBackend(flagCase!)).toEqual([expect.objectContaining({ status: 'applied' })]);
    const popup = await session.browser.context.newPage();
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
    await expect.poll(() => popup.getByTestId('popup-outbox').textContent(), { timeout: 10_000 }).toContain('0 pending · 0 failed');
    await popup.close();
  });
});

describe('the review queue', () => {
  it('shows the flag with its evidence and impact, and takes a decision', async () => {
    const [, flagCase] = cases;
    const review = await session.browser.context.newPage();
    await review.goto(`chrome-extension://${session.browser.extensionId}/review.html`);
    const item = review.getByTestId('review-item').filter({ hasText: flagCase!.record.sourceId });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.getByTestId('review-evidence').textContent()).toMatch(/Rule.+Score.+Why.+/);
    expect(await item.getAttribute('data-kind')).toBe('flag');

    // A second view of the queue, opened before the decision, is out of date once it is taken.
    const stale = await session.browser.context.newPage();
    await stale.goto(`chrome-extension://${session.browser.extensionId}/review.html`);
    const staleItem = stale.getByTestId('review-item').filter({ hasText: flagCase!.record.sourceId });
    await staleItem.waitFor({ timeout: 20_000 });

    await review.screenshot({ path: `${ARTIFACTS_DIR}flag-outbox-review.png`, fullPage: true });
    await item.getByLabel('Note (optional)').fill('Checked with the customer');
    await item.getByRole('button', { name: 'Confirm split' }).click();
    // Decided items leave the open queue.
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);
    await review.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => item.getByTestId('review-decided').textContent().catch(() => null), { timeout: 15_000 }).toMatch(
      /Split confirmed by e2e, .+ — “Checked with the customer”/,
    );

    await staleItem.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => staleItem.getByTestId('review-error').getAttribute('data-reason').catch(() => null), { timeout: 15_000 }).toBe('conflict');
    expect(await staleItem.getByTestId('review-error').textContent()).toContain('Someone decided this item first');
    await review.close();
    await stale.close();
  });
});
