import { CONTEXT, fakeBrowser, jsonResponse } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CACHE_LIMITS } from '../../lib/ext/context-cache.ts';
import { db } from '../../lib/ext/db.ts';
import { backgroundHandlers } from '../../lib/ext/handlers.ts';
import type { Caller } from '../../lib/ext/senders.ts';
import { lastContactItem, tokenItem } from '../../lib/ext/storage.ts';
import { forgetWorkerMemory } from '../../lib/ext/worker-memory.ts';

const SIDEBAR: Caller = { kind: 'extension-page', tabId: 7 };
const ACCOUNT_2 = { kind: 'account', id: 'acc_2', name: 'Northwind Traders Ltd', detail: 'northwind.example' } as const;
const ACCOUNT_CONTEXT = { ...CONTEXT, account: ACCOUNT_2, person: null, version: 'a1' };
const PROBLEM = (status: number, title: string) => ({ type: 'about:blank', title, status, code: 'x' });
const offline = async () => {
  throw new TypeError('Failed to fetch');
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const search = (q: string, kind?: 'account' | 'person') => backgroundHandlers['search:query']({ q, ...(kind ? { kind } : {}) }, SIDEBAR);
const entity = (fresh = false, key: { kind: 'account' | 'person'; id: string } = { kind: 'account', id: 'acc_2' }) =>
  backgroundHandlers['entity:get']({ ...key, fresh }, SIDEBAR);
const urlOf = (call: unknown[]) => new URL(String(call[0]));
const headersOf = (call: unknown[]) => (call[1] as RequestInit).headers as Record<string, string>;

let fetch: ReturnType<typeof vi.fn>;
beforeEach(async () => {
  vi.useRealTimers();
  fakeBrowser.reset();
  forgetWorkerMemory();
  await db.contexts.clear();
  fetch = vi.fn(async () => jsonResponse(200, ACCOUNT_CONTEXT));
  vi.stubGlobal('fetch', fetch);
  await tokenItem.setValue('tok_secret');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function later(ms = CACHE_LIMITS.freshMs + 1) {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + ms });
}

describe('the customer search', () => {
  it('asks the backend with the token and hands back its results', async () => {
    fetch.mockImplementation(async () => jsonResponse(200, { query: 'north', results: [ACCOUNT_2] }));
    expect(await search('north wind', 'account')).toEqual({ ok: true, results: [ACCOUNT_2] });
    const [call] = fetch.mock.calls;
    expect(urlOf(call!).pathname).toBe('/v1/search');
    expect(Object.fromEntries(urlOf(call!).searchParams)).toEqual({ q: 'north wind', kind: 'account' });
    expect(headersOf(call!).Authorization).toBe('Bearer tok_secret');
  });

  it('is signed out without a token, and never asks', async () => {
    await tokenItem.setValue('');
    forgetWorkerMemory();
    expect(await search('north')).toMatchObject({ ok: false, reason: 'signed-out' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ['a refused token', async () => jsonResponse(401, PROBLEM(401, 'Unauthorized')), { ok: false, reason: 'signed-out', message: 'Unauthorized' }],
    ['a server error', async () => jsonResponse(500, PROBLEM(500, 'Internal error')), { ok: false, reason: 'error', message: 'Internal error' }],
    ['no answer', offline, { ok: false, reason: 'error', message: expect.stringContaining('unreachable') }],
    ['a malformed answer', async () => jsonResponse(200, { results: [{ name: 'x' }] }), { ok: false, reason: 'error', message: expect.stringContaining('unexpected shape') }],
  ])('says so on %s', async (_name, answer, expected) => {
    fetch.mockImplementation(answer);
    expect(await search('north')).toEqual(expected);
  });
});

describe('a chosen entity', () => {
  it('is fetched from its own route, kept in the cache, and served from it while fresh', async () => {
    expect(await entity()).toMatchObject({ state: 'ready', entity: { kind: 'account', id: 'acc_2' }, origin: 'network', refreshing: false, context: { account: ACCOUNT_2 } });
    expect(urlOf(fetch.mock.calls[0]!).pathname).toBe('/v1/accounts/acc_2');
    expect(headersOf(fetch.mock.calls[0]!)).not.toHaveProperty('If-None-Match');
    expect(await db.contexts.count()).toBe(1);
    expect(await entity()).toMatchObject({ state: 'ready', origin: 'cache', refreshing: false });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await lastContactItem.getValue()).toMatchObject({ lastSuccessAt: expect.any(Number) });
  });

  it('asks for a person at /v1/people, the id escaped', async () => {
    await entity(false, { kind: 'person', id: 'per/1' });
    expect(String(fetch.mock.calls[0]![0])).toBe('http://127.0.0.1:8787/v1/people/per%2F1');
  });

  it('is shared by asks made together', async () => {
    const [a, b] = await Promise.all([entity(), entity(true)]);
    expect(a).toEqual(b);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('answers from the cache at once when old, and revalidates with If-None-Match; a 304 confirms it', async () => {
    await entity();
    later();
    fetch.mockClear();
    fetch.mockImplementation(async () => new Response(null, { status: 304, headers: { ETag: 'W/"a1"' } }));
    expect(await entity()).toMatchObject({ state: 'ready', origin: 'cache', refreshing: true });
    const confirmed = await entity(true);
    expect(confirmed).toMatchObject({ state: 'ready', origin: 'network', refreshing: false, context: { version: 'a1' }, fetchedAt: Date.now() });
    expect(fetch).toHaveBeenCalledTimes(1); // the fresh ask joined the refresh
    expect(headersOf(fetch.mock.calls[0]!)['If-None-Match']).toBe('W/"a1"');
    expect(await entity()).toMatchObject({ origin: 'cache', refreshing: false });
  });

  it('replaces the cached context with a newer one', async () => {
    await entity();
    later();
    fetch.mockImplementation(async () => jsonResponse(200, { ...ACCOUNT_CONTEXT, version: 'a2', account: { ...ACCOUNT_2, name: 'Northwind Traders Ltd.' } }));
    expect(await entity(true)).toMatchObject({ origin: 'network', context: { version: 'a2', account: { name: 'Northwind Traders Ltd.' } } });
    expect((await db.contexts.toArray()).map((entry) => entry.version)).toEqual(['a2']);
  });

  it('serves the cache marked offline when the backend cannot be reached, and says so without one', async () => {
    await entity();
    later();
    fetch.mockImplementation(offline);
    expect(await entity(true)).toMatchObject({ state: 'ready', origin: 'cache', offline: expect.stringContaining('unreachable'), context: { account: ACCOUNT_2 } });
    expect(await entity(true, { kind: 'person', id: 'per_9' })).toMatchObject({ state: 'error', message: expect.stringContaining('unreachable') });
  });

  it('is not found when the backend no longer knows it, and leaves the cache', async () => {
    await entity();
    later();
    fetch.mockImplementation(async () => jsonResponse(404, PROBLEM(404, 'Not found')));
    expect(await entity(true)).toEqual({ state: 'not-found', message: 'Not found' });
    await settle();
    expect(await db.contexts.count()).toBe(0);
  });

  it('is signed out when the token is refused, and the cache is wiped', async () => {
    await entity();
    later();
    fetch.mockImplementation(async () => jsonResponse(401, PROBLEM(401, 'Unauthorized')));
    expect(await entity(true)).toEqual({ state: 'signed-out', reason: 'rejected' });
    expect(await db.contexts.count()).toBe(0);
  });

  it('is signed out without a token', async () => {
    await tokenItem.setValue('');
    forgetWorkerMemory();
    expect(await entity()).toEqual({ state: 'signed-out', reason: 'no-token' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('never serves a malformed answer', async () => {
    fetch.mockImplementation(async () => jsonResponse(200, { ...ACCOUNT_CONTEXT, status: 'probably' }));
    expect(await entity()).toMatchObject({ state: 'error', message: expect.stringContaining('unexpected shape') });
    expect(await db.contexts.count()).toBe(0);
  });
});

describe('the connection test', () => {
  it("names the token's owner, role and the backend's version", async () => {
    fetch.mockImplementation(async (url: URL) =>
      url.pathname === '/healthz'
        ? jsonResponse(200, { status: 'ok', version: '0.1.0', store: 'pglite', database: 'ok' })
        : jsonResponse(200, { name: 'Ada', role: 'cs_rep', visibleProperties: [] }),
    );
    expect(await backgroundHandlers['connection:test']({}, SIDEBAR)).toEqual({ ok: true, name: 'Ada', role: 'cs_rep', version: '0.1.0' });
    expect(fetch.mock.calls.map((call) => urlOf(call).pathname).sort()).toEqual(['/healthz', '/v1/me']);
  });

  it('says what failed', async () => {
    fetch.mockImplementation(async () => jsonResponse(401, PROBLEM(401, 'Unauthorized')));
    expect(await backgroundHandlers['connection:test']({}, SIDEBAR)).toMatchObject({ ok: false, reason: 'signed-out', message: 'Unauthorized' });
    await tokenItem.setValue('');
    forgetWorkerMemory();
    expect(await backgroundHandlers['connection:test']({}, SIDEBAR)).toMatchObject({ ok: false, reason: 'signed-out', message: expect.stringContaining('No token') });
  });
});
