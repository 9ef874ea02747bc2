import type { CDPSession, Page } from 'playwright-core';
import type { FlagRequest } from '../../../lib/contract/identity.ts';
import type { OutboxState } from '../../../lib/contract/outbox.ts';
import type { ExtensionBrowser } from './chromium.ts';

/**
 * Drives the extension's real outbox from a page of its own origin: flags go in through the typed message
 * the sidebar's flag button sends (`flag:create`, checked and served by the background's router), and the
 * outbox is read straight from the extension's IndexedDB, which a page of the extension shares with the
 * worker: reading it never wakes a stopped worker, so a test can watch what a woken one does.
 */

/** The fields of an outbox entry (`lib/ext/db.ts`) the durability tests read. */
export interface OutboxRow {
  id: string;
  kind: 'flag' | 'undo';
  state: OutboxState;
  flag: FlagRequest | null;
  attempts: number;
  lastAttemptAt: number | null;
  createdAt: number;
  lastError: string | null;
  result: { id: string; createdAt: string } | null;
}

/**
 * A page of the extension's origin that sends no message of its own (a static file of the extension, not
 * one of its React pages, which ask the background on load and on focus).
 */
export async function openQuietExtensionPage(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/managed-schema.json`);
  return page;
}

/** Fills the options page with a backend URL and token and waits for the connection test's role. */
export async function signIn(browser: ExtensionBrowser, backendUrl: string, token: string): Promise<void> {
  const options = await browser.context.newPage();
  try {
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel('Backend URL').fill(backendUrl);
    await options.getByLabel('Token').fill(token);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByTestId('connection-role').waitFor({ timeout: 15_000 });
  } finally {
    await options.close();
  }
}

/**
 * Flags each request as the flag button does, one message at a time; resolves with the outbox entry of
 * each once the background answered (the entry is on disk, strict durability, before the answer).
 */
export function enqueueFlags(page: Page, requests: FlagRequest[]): Promise<{ id: string; state: OutboxState }[]> {
  return page.evaluate(async (requests) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } } }).chrome.runtime;
    const items: { id: string; state: OutboxState }[] = [];
    for (const input of requests) {
      const reply = (await runtime.sendMessage({ name: 'flag:create', input })) as
        | { ok: true; output: { ok: true; item: { id: string; state: OutboxState } } | { ok: false; message: string } }
        | { ok: false; error: string }
        | undefined;
      if (!reply?.ok) throw new Error(`flag:create was refused: ${reply ? reply.error : 'no answer'}`);
      if (!reply.output.ok) throw new Error(`flag:create did not record the flag: ${reply.output.message}`);
      items.push({ id: reply.output.item.id, state: reply.output.item.state });
    }
    return items;
  }, requests);
}

/** Every outbox entry as IndexedDB holds it now (empty before the worker first opened the database). */
export function readOutbox(page: Page): Promise<OutboxRow[]> {
  return page.evaluate(async () => {
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === 'sidelight')) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidelight');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('could not open the extension database'));
    });
    try {
      if (!db.objectStoreNames.contains('outbox')) return [];
      return await new Promise<OutboxRow[]>((resolve, reject) => {
        const request = db.transaction('outbox', 'readonly').objectStore('outbox').getAll();
        request.onsuccess = () => resolve(request.result as OutboxRow[]);
        request.onerror = () => reject(request.error ?? new Error('could not read the outbox'));
      });
    } finally {
      db.close();
    }
  });
}

/** The outbox's entries by state. */
export function countStates(rows: readonly OutboxRow[]): Record<OutboxState, number> {
  const counts: Record<OutboxState, number> = { pending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const row of rows) counts[row.state]++;
  return counts;
}

/** Polls the outbox until `done` holds or `timeoutMs` passes; returns the last read. */
export async function waitForOutbox(page: Page, done: (rows: OutboxRow[]) => boolean, timeoutMs: number, everyMs = 250): Promise<OutboxRow[]> {
  const deadline = Date.now() + timeoutMs;
  let rows = await readOutbox(page);
  while (!done(rows) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    rows = await readOutbox(page);
  }
  return rows;
}

/**
 * The extension's service worker as the DevTools protocol sees it, through one session kept open on an
 * extension page: `stop` stops it as MV3 does after ~30 s idle (what it held in memory is gone, requests
 * it had in flight are cancelled) and returns once it is stopped; `starts` counts the workers started
 * since (woken by an alarm or a message).
 */
export interface WorkerControl {
  stop: () => Promise<void>;
  readonly running: boolean;
  readonly starts: number;
  close: () => Promise<void>;
}

export async function controlWorker(browser: ExtensionBrowser, page: Page): Promise<WorkerControl> {
  const cdp: CDPSession = await browser.context.newCDPSession(page);
  const ours = (version: { scriptURL: string }) => version.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`);
  let status = 'unknown';
  let starts = 0;
  const waiters: { status: string; resolve: () => void }[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions.filter(ours)) {
      if (version.runningStatus === 'running' && status !== 'running') starts++;
      status = version.runningStatus;
      for (const waiter of waiters.splice(0)) {
        if (waiter.status === status) waiter.resolve();
        else waiters.push(waiter);
      }
    }
  });
  await cdp.send('ServiceWorker.enable');
  const until = (wanted: string) =>
    status === wanted ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ status: wanted, resolve }));
  return {
    async stop() {
      const stopped = until('stopped');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
    },
    get running() {
      return status === 'running';
    },
    get starts() {
      return starts;
    },
    close: () => cdp.detach().catch(() => undefined),
  };
}
