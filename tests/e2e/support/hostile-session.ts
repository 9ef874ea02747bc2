import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page, Worker } from 'playwright-core';
import type { DemoListing } from '../../../server/demo/listing.ts';
import { startBackend } from './backend.ts';
import type { Backend } from './backend.ts';
import { findChromium, launchWithExtension } from './chromium.ts';
import type { ExtensionBrowser } from './chromium.ts';
import { ticketOfAnotherAccount } from './demo-listing.ts';
import { intercomJourney } from './host-journeys.ts';
import { SCRIPT_LIKE, longScriptLike, plantHostileRows } from './hostile-text.ts';
import type { PlantedRows } from './hostile-text.ts';
import { startReplicaServer } from './replica-server.ts';
import type { ReplicaConversation, ReplicaServer } from './replica-server.ts';
import { startRequestLog } from './request-log.ts';
import type { LoggedRequest, RequestLog } from './request-log.ts';
import { createSelfSignedCertificate } from './tls.ts';

// The hostile-page test and `bench/soak-hostile.ts` share this harness (no vitest in here, so the soak
// runs it with plain Node).

/** SIDELIGHT_E2E_EXTENSION points the harness at another build (an older one, to see what it finds there). */
const EXTENSION_DIR = process.env.SIDELIGHT_E2E_EXTENSION ?? fileURLToPath(new URL('../../../.output/chrome-mv3/', import.meta.url));
const HOSTILE_SCRIPT = fileURLToPath(new URL('../replicas/hostile/hostile.js', import.meta.url));
const INTERCOM_APP = 'k8w2x7p1';

/** What the hostile Zendesk page shows of its requester: a 10 KB name full of markup, an organisation that is markup. */
export const PAGE_REQUESTER = `Ada ${SCRIPT_LIKE.rtl} ${longScriptLike(10_240)}`;
export const PAGE_ORGANIZATION = `${SCRIPT_LIKE.svg} ${SCRIPT_LIKE.iframe}`;
/** And the hostile Intercom page of its contact and company. */
export const PAGE_CONTACT = `${SCRIPT_LIKE.script} ${SCRIPT_LIKE.rtl} Grace`;
export const PAGE_COMPANY = `${SCRIPT_LIKE.javascriptUrl} ${longScriptLike(10_240)}`;

/** The hostile script's API on the page (tests/e2e/replicas/hostile/hostile.js). */
export interface HostileApi {
  flood(options: { count: number; urlChanges?: number }): Promise<FloodStats>;
  tryDoors(): Promise<{
    doors: Record<string, { ok: boolean; value?: string; error?: string }>;
    fetches: Record<string, { status?: number; body?: string; error?: string }>;
  }>;
  frameExtensionPages(otherTabId: number): Promise<string[]>;
  retargetSidebar(otherTabId: number): void;
  whereIs(needle: string): Promise<{ places: string[]; globalsAdded: string[]; foreignMessages: number }>;
  received(): { own: number; foreign: number; portReplies: number };
  foreign(): { origin: string; fromFrame: boolean; data: string }[];
  pwned(): string[];
  polluted(): unknown;
}

export interface FloodStats {
  toFrame: number;
  toPage: number;
  domEvents: number;
  /** Messages postMessage itself refused to clone (functions, symbols, DOM nodes). */
  refusedByBrowser: number;
  urlChanges: number;
  ports: number;
  ms: number;
}

/** The background router's counts (lib/ext/message-tally.ts). */
export type Tally = Record<'served' | 'refused' | 'failed', Record<string, number>>;

export interface HostileSession {
  backend: Backend;
  /** Every request the extension sent the backend (it is connected through this proxy). */
  log: RequestLog;
  replica: ReplicaServer;
  browser: ExtensionBrowser;
  /** The poisoned CRM rows of the clean-match account, whose ticket the hostile Zendesk page shows. */
  planted: PlantedRows;
  /** A plain ticket of another account, linked from the Zendesk page's views list. */
  second: { ticketId: number };
  /** The hostile Intercom page's conversation and the account it resolves to. */
  conversation: ReplicaConversation;
  intercomAccount: string;
  ticketUrl: (ticketId: number) => string;
  conversationUrl: (host: string) => string;
  /** Console lines and requests (url, headers, body) of every hostile page. */
  consoleLines: string[];
  pageRequests: string[];
  /** A new tab whose page runs the hostile script from its first moment. */
  hostilePage: () => Promise<Page>;
  tally: () => Promise<Tally>;
  tabIdOf: (page: Page) => Promise<number>;
  sidebarFrameOf: (page: Page) => Frame;
  stop: () => Promise<void>;
}

/** The demo backend with poisoned CRM rows (behind a recording proxy), the replica apps, and Chromium with the extension. */
export async function startHostileSession(): Promise<HostileSession> {
  findChromium();
  const tmp = await mkdtemp(join(tmpdir(), 'sidelight-hostile-'));
  const closers: (() => Promise<unknown>)[] = [() => rm(tmp, { recursive: true, force: true })];
  const stop = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  };
  try {
    // A copy, taken first: a build started meanwhile must not change the extension under the browser.
    await cp(EXTENSION_DIR, join(tmp, 'extension'), { recursive: true });
    const dataDir = join(tmp, 'data');
    await mkdir(dataDir);
    let planted: PlantedRows | undefined;
    const backend = await startBackend(dataDir, { beforeSync: async () => void (planted = await plantHostileRows(dataDir)) });
    closers.push(() => backend.stop());
    const log = await startRequestLog(backend.url);
    closers.push(() => log.close());

    const listing = backend.listing as DemoListing;
    const other = ticketOfAnotherAccount(listing, { ticketId: planted!.ticketId, accountName: planted!.accountName, person: { name: '', email: null } });
    const journey = intercomJourney(listing);
    const base = journey.conversations.find((c) => c.id === journey.other.conversationId)!;
    const conversation: ReplicaConversation = {
      ...base,
      contact: { ...base.contact, name: PAGE_CONTACT },
      company: { id: base.company!.id, name: PAGE_COMPANY },
    };
    const tickets = [
      {
        id: planted!.ticketId,
        subject: `Refund ${SCRIPT_LIKE.javascriptUrl}`,
        description: `${SCRIPT_LIKE.img} ${SCRIPT_LIKE.script}`,
        requester: { name: PAGE_REQUESTER, email: planted!.email },
        organization: { name: PAGE_ORGANIZATION },
      },
      { id: other.ticketId, subject: 'Seats', description: 'Hi.', requester: { name: other.person.name, email: other.person.email ?? '' }, organization: { name: other.accountName } },
    ];
    const replica = await startReplicaServer(createSelfSignedCertificate(tmp), tickets, { intercom: [conversation] });
    closers.push(() => replica.close());
    const browser = await launchWithExtension(join(tmp, 'extension'), join(tmp, 'profile'));
    closers.push(() => browser.context.close());
    await connect(browser, log.url, backend.token);

    const consoleLines: string[] = [];
    const pageRequests: string[] = [];
    const worker = async (): Promise<Worker> =>
      browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`)) ??
      browser.context.waitForEvent('serviceworker', { timeout: 10_000 });
    return {
      backend,
      log,
      replica,
      browser,
      planted: planted!,
      second: { ticketId: other.ticketId },
      conversation,
      intercomAccount: journey.other.account.name,
      ticketUrl: (ticketId) => `https://acme.zendesk.com:${replica.port}/agent/tickets/${ticketId}`,
      conversationUrl: (host) => `https://${host}:${replica.port}/a/inbox/${INTERCOM_APP}/inbox/shared/all/conversation/${conversation.id}`,
      consoleLines,
      pageRequests,
      async hostilePage() {
        const page = await browser.context.newPage();
        await page.addInitScript({ path: HOSTILE_SCRIPT });
        page.on('console', (message) => consoleLines.push(message.text()));
        page.on('request', (request) => pageRequests.push(`${request.url()} ${JSON.stringify(request.headers())} ${request.postData() ?? ''}`));
        return page;
      },
      tally: async () => (await worker()).evaluate(() => (globalThis as unknown as { sidelightMessageTally: () => Tally }).sidelightMessageTally()),
      async tabIdOf(page) {
        type Tab = { id: number; url?: string };
        const tabs = await (await worker()).evaluate(() =>
          (globalThis as unknown as { chrome: { tabs: { query: (q: object) => Promise<Tab[]> } } }).chrome.tabs.query({}).then((all) => all.map(({ id, url }) => ({ id, url }))),
        );
        const tab = tabs.find((t) => t.url === page.url());
        if (!tab) throw new Error(`No tab shows ${page.url()}`);
        return tab.id;
      },
      sidebarFrameOf(page) {
        const frame = page.frames().find((f) => f.url() === `chrome-extension://${browser.extensionId}/sidebar.html`);
        if (!frame) throw new Error('The page has no sidebar frame.');
        return frame;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Connects the extension to the backend through the recording proxy, from the options page. */
async function connect(browser: ExtensionBrowser, backendUrl: string, token: string): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel('Backend URL').fill(backendUrl);
  await options.getByLabel('Token').fill(token);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByTestId('connection-role').waitFor({ timeout: 15_000 });
  await options.close();
}

/** Calls the hostile script's `name` in the page, with JSON arguments. */
export function hostile<N extends keyof HostileApi>(page: Page, name: N, ...args: Parameters<HostileApi[N]>): Promise<Awaited<ReturnType<HostileApi[N]>>> {
  return page.evaluate(
    ([name, args]) => (window as unknown as { __hostile: Record<string, (...a: unknown[]) => unknown> }).__hostile[name]!(...args),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<HostileApi[N]>>>;
}

/** The text of a test id in the page's sidebar now, or null when it is not shown. */
export const sidebarText = (page: Page, testId: string) =>
  page
    .locator('[data-sidelight="sidebar"] iframe')
    .contentFrame()
    .getByTestId(testId)
    .first()
    .textContent({ timeout: 500 })
    .catch(() => null);

/** What was counted since `before`, by outcome: only the keys that moved. */
export function tallySince(before: Tally, after: Tally): Tally {
  const delta = (outcome: keyof Tally) =>
    Object.fromEntries(
      Object.entries(after[outcome])
        .map(([key, n]) => [key, n - (before[outcome][key] ?? 0)] as const)
        .filter(([, n]) => n !== 0),
    );
  return { served: delta('served'), refused: delta('refused'), failed: delta('failed') };
}

/** What script-like text would have left in the sidebar frame had it been rendered as markup, and whether any of it ran. */
export function injectedIn(frame: Frame, extensionId: string) {
  return frame.evaluate((extensionOrigin) => {
    const all = [...document.querySelectorAll('*')];
    return {
      images: document.querySelectorAll('img, image').length,
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      foreignScripts: [...document.scripts].filter((s) => !s.src.startsWith(extensionOrigin)).length,
      // The sidebar draws sparklines; any other svg came from text.
      svgs: [...document.querySelectorAll('svg')].filter((svg) => !svg.matches('[class*="sparkline"]')).map((svg) => svg.outerHTML.slice(0, 120)),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      scriptLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((href) => !/^(https?|mailto):/i.test(href)),
      srcdoc: document.querySelectorAll('[srcdoc]').length,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      polluted: ({} as { polluted?: unknown }).polluted ?? null,
    };
  }, `chrome-extension://${extensionId}/`);
}

export const NOTHING_INJECTED = { images: 0, frames: 0, foreignScripts: 0, svgs: [], handlers: [], scriptLinks: [], srcdoc: 0, pwned: null, polluted: null };

/** The page's DOM as the page itself made it: our frame's wrapper and dock style, and the hostile script's own frames, left out. */
export const ownDom = (page: Page) =>
  page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const node of copy.querySelectorAll('[data-sidelight], [data-hostile]')) node.remove();
    return copy.outerHTML;
  });

/** The lookups among the extension's requests, with what they asked about. */
export const lookupsIn = (requests: readonly LoggedRequest[]) =>
  requests.filter((r) => r.path === '/v1/lookup').map((r) => JSON.parse(r.body) as { host: string; identifiers: { type: string; value: string }[] });
