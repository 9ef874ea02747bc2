import { CONTEXT, fakeBrowser, jsonResponse } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DetectionResult } from '../../lib/contract/index.ts';
import { CACHE_LIMITS } from '../../lib/ext/context-cache.ts';
import { db } from '../../lib/ext/db.ts';
import { forgetWorkerMemory } from '../../lib/ext/worker-memory.ts';
import { backendUrlItem, lastContactItem, tabDetections, tokenItem } from '../../lib/ext/storage.ts';
import { forgetSettings } from '../../lib/ext/settings.ts';
import { contextOfTab, recordDetection } from '../../lib/ext/tab-context.ts';

const TAB = 7;
const ticket = (id: string, path = ''): DetectionResult => ({
  ok: true,
  host: 'zendesk',
  url: `https://acme.zendesk.com/agent/tickets/${id}${path}`,
  label: `Ticket #${id}`,
  identifiers: [{ type: 'zendesk_ticket_id', value: id }],
});
const DASHBOARD: DetectionResult = {
  ok: false,
  host: 'zendesk',
  url: 'https://acme.zendesk.com/agent/dashboard',
  reason: 'no record',
  lookedFor: ['ticket id in /agent/tickets/N'],
};
const UNAUTHORIZED = { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'x' };
const offline = async () => {
  throw new TypeError('Failed to fetch');
};
const bodyOf = (call: unknown[]) => JSON.parse(String((call[1] as RequestInit).body)) as Record<string, unknown>;
/** The lookups sent (the background also reads the backend's erasures after a lookup, at most once a minute). */
const lookups = () => fetch.mock.calls.filter((call) => String(call[0]).endsWith('/v1/lookup'));
/** Lets the not-awaited work (the detection's warm-up, recency updates) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

let fetch: ReturnType<typeof vi.fn>;
beforeEach(async () => {
  vi.useRealTimers();
  fakeBrowser.reset();
  forgetWorkerMemory(); // each case starts as a newly started worker
  await db.contexts.clear();
  fetch = vi.fn(async () => jsonResponse(200, CONTEXT));
  vi.stubGlobal('fetch', fetch);
  await tokenItem.setValue('tok_secret');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Moves the clock past the cache's fresh window, so the next ask revalidates. */
function later(ms = CACHE_LIMITS.freshMs + 1) {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + ms });
}

describe('the context of a tab', () => {
  it('waits until the content script has reported', async () => {
    expect(await contextOfTab(TAB)).toEqual({ state: 'waiting' });
  });

  it('passes a miss on, without asking the backend', async () => {
    await recordDetection(TAB, DASHBOARD);
    expect(await contextOfTab(TAB)).toEqual({ state: 'miss', miss: DASHBOARD });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('is signed out without a token', async () => {
    await tokenItem.setValue('');
    forgetWorkerMemory();
    await recordDetection(TAB, ticket('42'));
    expect(await contextOfTab(TAB)).toEqual({ state: 'signed-out', reason: 'no-token' });
  });

  it('says the token was rejected when the backend refuses it, and wipes the cache', async () => {
    await recordDetection(TAB, ticket('42'));
    await contextOfTab(TAB);
    expect(await db.contexts.count()).toBe(1);
    fetch.mockImplementation(async () => jsonResponse(401, UNAUTHORIZED));
    later();
    expect(await contextOfTab(TAB, { fresh: true })).toEqual({ state: 'signed-out', reason: 'rejected' });
    expect(await db.contexts.count()).toBe(0);
  });

  it('looks the detection up once, shared by the report and the sidebar, then serves it from the cache', async () => {
    await recordDetection(TAB, ticket('42'));
    const [first, second] = await Promise.all([contextOfTab(TAB), contextOfTab(TAB)]);
    expect(first).toMatchObject({ state: 'ready', context: CONTEXT, detection: ticket('42'), refreshing: false });
    expect(second).toEqual(first);
    expect(await contextOfTab(TAB)).toMatchObject({ state: 'ready', context: CONTEXT, origin: 'cache', refreshing: false });
    expect(lookups()).toHaveLength(1);
  });

  it('stores the cached context with a detection, so the sidebar renders it without asking', async () => {
    await recordDetection(TAB, ticket('42'));
    expect((await tabDetections.get(TAB))?.seed).toBeNull(); // cold: the backend is asked meanwhile
    await contextOfTab(TAB);
    await recordDetection(TAB, ticket('43'));
    await recordDetection(TAB, ticket('42'));
    expect((await tabDetections.get(TAB))?.seed).toMatchObject({
      settingsRevision: '',
      context: { state: 'ready', origin: 'cache', context: CONTEXT, detection: ticket('42') },
    });
  });

  it('keeps its revision when the same record shows on another sub-page, and changes it for another record', async () => {
    await recordDetection(TAB, ticket('42'));
    const first = await tabDetections.get(TAB);
    await recordDetection(TAB, ticket('42', '/events'));
    expect((await tabDetections.get(TAB))?.revision).toBe(first?.revision);
    await recordDetection(TAB, ticket('43'));
    expect((await tabDetections.get(TAB))?.revision).not.toBe(first?.revision);
  });

  it('applies reports in the order they arrive', async () => {
    await Promise.all([recordDetection(TAB, ticket('42')), recordDetection(TAB, ticket('43')), recordDetection(TAB, DASHBOARD)]);
    expect((await tabDetections.get(TAB))?.detection).toEqual(DASHBOARD);
  });

  it('reports a failed lookup without a cached context as an error, so the sidebar can retry', async () => {
    fetch.mockImplementation(offline);
    await recordDetection(TAB, ticket('42'));
    expect(await contextOfTab(TAB)).toMatchObject({ state: 'error', detection: ticket('42'), message: expect.stringContaining('unreachable') });
    expect(await lastContactItem.getValue()).toMatchObject({ lastSuccessAt: null, lastFailure: { message: expect.stringContaining('unreachable') } });
  });

  it('never renders a malformed answer', async () => {
    fetch.mockImplementation(async () => jsonResponse(200, { ...CONTEXT, status: 'probably' }));
    await recordDetection(TAB, ticket('42'));
    expect(await contextOfTab(TAB)).toMatchObject({ state: 'error', message: expect.stringContaining('unexpected shape') });
    expect(await db.contexts.count()).toBe(0);
  });
});

describe('stale-while-revalidate', () => {
  async function warm(id = '42') {
    await recordDetection(TAB, ticket(id));
    await contextOfTab(TAB, { fresh: true });
    await settle(); // the lookup also trims the cache before it is done
    fetch.mockClear();
    later();
  }

  it('answers at once from the cache, and revalidates with the cached version', async () => {
    await warm();
    let answer: (response: Response) => void = () => undefined;
    fetch.mockImplementation(() => new Promise<Response>((resolve) => (answer = resolve)));
    const cached = await contextOfTab(TAB);
    expect(cached).toMatchObject({ state: 'ready', origin: 'cache', refreshing: true, offline: null, context: CONTEXT });
    // The revalidation starts in the next task, after the cached answer is on its way.
    expect(fetch).not.toHaveBeenCalled();
    await settle();
    expect(lookups()).toHaveLength(1);
    expect(bodyOf(lookups()[0]!)).toMatchObject({ ifVersion: 'v1' });

    const refreshed = contextOfTab(TAB, { fresh: true });
    await settle();
    answer(jsonResponse(200, { ...CONTEXT, version: 'v2', account: { ...CONTEXT.account, name: 'Northwind Traders AB' } }));
    expect(await refreshed).toMatchObject({ origin: 'network', refreshing: false, context: { version: 'v2', account: { name: 'Northwind Traders AB' } } });
    expect(lookups()).toHaveLength(1); // the sidebar's ask joined the refresh already under way
    expect(await contextOfTab(TAB)).toMatchObject({ origin: 'cache', refreshing: false, context: { version: 'v2' } });
  });

  it('confirms an unchanged context without its body, and counts its age from then', async () => {
    await warm();
    fetch.mockImplementation(async () => jsonResponse(200, { notModified: true, version: 'v1' }));
    const confirmed = await contextOfTab(TAB, { fresh: true });
    expect(confirmed).toMatchObject({ state: 'ready', origin: 'network', context: CONTEXT, fetchedAt: Date.now() });
    expect(await contextOfTab(TAB)).toMatchObject({ origin: 'cache', refreshing: false });
  });

  it('serves the cached context, marked offline with the reason, when the backend is down', async () => {
    await warm();
    const fetchedAt = (await db.contexts.toArray())[0]!.fetchedAt;
    fetch.mockImplementation(offline);
    expect(await contextOfTab(TAB)).toMatchObject({ origin: 'cache', refreshing: true, offline: null });
    expect(await contextOfTab(TAB, { fresh: true })).toMatchObject({
      state: 'ready',
      origin: 'cache',
      fetchedAt,
      offline: expect.stringContaining('unreachable'),
      context: CONTEXT,
    });
  });

  it('serves the cached context when the backend answers with an error', async () => {
    await warm();
    fetch.mockImplementation(async () => jsonResponse(503, { type: 'about:blank', title: 'Store unavailable', status: 503, code: 'x' }));
    expect(await contextOfTab(TAB, { fresh: true })).toMatchObject({ origin: 'cache', offline: 'Store unavailable' });
  });

  it('does not serve a context past its maximum age, even offline', async () => {
    await warm();
    fetch.mockImplementation(offline);
    later(CACHE_LIMITS.maxAgeMs + 1);
    expect(await contextOfTab(TAB)).toMatchObject({ state: 'error' });
  });

  it('serves a restarted worker from the cache it left behind', async () => {
    await warm();
    fetch.mockImplementation(offline);
    vi.resetModules(); // a new worker: fresh module state, the same IndexedDB and storage
    const restarted = await import('../../lib/ext/tab-context.ts');
    expect(await restarted.contextOfTab(TAB, { fresh: true })).toMatchObject({ state: 'ready', origin: 'cache', context: CONTEXT });
  });
});

describe('who the cache belongs to', () => {
  async function cacheOne() {
    await recordDetection(TAB, ticket('42'));
    await contextOfTab(TAB);
    await settle();
    expect(await db.contexts.count()).toBe(1);
  }

  // Written to storage by hand here, so the worker's copy of the settings is dropped as a restart would.
  it.each([
    ['another backend', () => backendUrlItem.setValue('https://sidelight.example.com')],
    ['another token', () => tokenItem.setValue('tok_other')],
  ])('is wiped when the settings name %s', async (_name, change) => {
    await cacheOne();
    await change();
    forgetSettings();
    fetch.mockClear();
    expect(await contextOfTab(TAB)).toMatchObject({ state: 'ready', origin: 'network' });
    expect(lookups()).toHaveLength(1);
    expect(bodyOf(lookups()[0]!)).not.toHaveProperty('ifVersion');
    expect(await db.contexts.count()).toBe(1);
  });

  it('keeps an answer that arrives after the token changed out of the new cache', async () => {
    const answers: ((response: Response) => void)[] = [];
    fetch.mockImplementation(() => new Promise<Response>((resolve) => answers.push(resolve)));
    await recordDetection(TAB, ticket('42'));
    const oldToken = contextOfTab(TAB);
    await settle();
    await tokenItem.setValue('tok_other');
    forgetSettings();
    const newToken = contextOfTab(TAB); // claims the cache for the new token, and asks again
    await settle();
    expect(answers).toHaveLength(2);
    answers[0]!(jsonResponse(200, { ...CONTEXT, version: 'seen-by-old-token' }));
    expect(await oldToken).toMatchObject({ state: 'ready', context: { version: 'seen-by-old-token' } });
    await settle();
    expect(await db.contexts.count()).toBe(0);
    answers[1]!(jsonResponse(200, CONTEXT));
    expect(await newToken).toMatchObject({ state: 'ready', context: { version: 'v1' } });
    expect((await db.contexts.toArray()).map((entry) => entry.version)).toEqual(['v1']);
  });
});
