import { CONTEXT, fakeBrowser, jsonResponse } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeContext } from '../../lib/ext/context-cache.ts';
import { db } from '../../lib/ext/db.ts';
import { forgetWorkerMemory } from '../../lib/ext/worker-memory.ts';
import { backgroundHandlers } from '../../lib/ext/handlers.ts';
import type { Caller } from '../../lib/ext/senders.ts';
import { readSettings, refreshManagedSettings } from '../../lib/ext/settings.ts';
import { backendUrlItem, cacheOwnerItem, lastContactItem, tokenItem } from '../../lib/ext/storage.ts';
import type { Context } from '../../lib/contract/index.ts';

const OPTIONS_PAGE: Caller = { kind: 'extension-page', tabId: null };
const ME = { name: 'Ada', role: 'cs_rep' };
const ME_RESPONSE = { ...ME, visibleProperties: [] };

let fetch: ReturnType<typeof vi.fn>;
beforeEach(async () => {
  fakeBrowser.reset();
  forgetWorkerMemory(); // each case starts as a newly started worker
  await db.contexts.clear();
  fetch = vi.fn(async () => jsonResponse(200, ME_RESPONSE));
  vi.stubGlobal('fetch', fetch);
});
afterEach(() => vi.unstubAllGlobals());

const setPolicy = (values: Record<string, unknown>) => fakeBrowser.storage.managed.set(values);
const save = (input: { backendUrl: string; token?: string }) => backgroundHandlers['settings:save'](input, OPTIONS_PAGE);
const settingsGet = () => backgroundHandlers['settings:get']({}, OPTIONS_PAGE);

async function cacheSomething() {
  await storeContext('k', CONTEXT as unknown as Context);
  expect(await db.contexts.count()).toBe(1);
}

describe('settings', () => {
  it('start from the demo backend, signed out, nothing locked', async () => {
    expect(await settingsGet()).toEqual({
      backendUrl: 'http://127.0.0.1:8787',
      hasToken: false,
      locked: { backendUrl: false, token: false },
    });
  });

  it('are saved, tested against the backend, and the token is never handed back', async () => {
    expect(await save({ backendUrl: 'https://sidelight.example.com/', token: 'tok_1' })).toEqual({ ok: true, ...ME });
    expect(String(fetch.mock.calls[0]![0])).toBe('https://sidelight.example.com/v1/me');
    expect(await settingsGet()).toEqual({ backendUrl: 'https://sidelight.example.com', hasToken: true, locked: { backendUrl: false, token: false } });
  });

  it('refuse a backend that is not http(s)', async () => {
    expect(await save({ backendUrl: 'ftp://example.com' })).toEqual({ ok: false, message: expect.stringContaining('http') });
    expect(await backendUrlItem.getValue()).toBe('http://127.0.0.1:8787');
  });

  it('wipe the cache when the backend changes', async () => {
    await save({ backendUrl: 'http://127.0.0.1:8787', token: 'tok_1' });
    await cacheSomething();
    await save({ backendUrl: 'http://127.0.0.1:9999' });
    expect(await db.contexts.count()).toBe(0);
  });

  it('keep the cache when saved unchanged', async () => {
    await save({ backendUrl: 'http://127.0.0.1:8787', token: 'tok_1' });
    await cacheSomething();
    await save({ backendUrl: 'http://127.0.0.1:8787/' });
    expect(await db.contexts.count()).toBe(1);
  });
});

describe('signing out', () => {
  it('forgets the token and wipes the cache', async () => {
    await save({ backendUrl: 'http://127.0.0.1:8787', token: 'tok_1' });
    await cacheSomething();
    expect(await backgroundHandlers['settings:sign-out']({}, OPTIONS_PAGE)).toEqual({ hasToken: false });
    expect(await tokenItem.getValue()).toBe('');
    expect(await cacheOwnerItem.getValue()).toBe('');
    expect(await db.contexts.count()).toBe(0);
  });
});

describe('settings set by policy (managed storage)', () => {
  it('win over saved values and show as locked', async () => {
    await backendUrlItem.setValue('http://127.0.0.1:8787');
    await tokenItem.setValue('tok_mine');
    await setPolicy({ backendUrl: 'https://sidelight.corp.example/', token: 'tok_policy' });
    expect(await readSettings()).toMatchObject({
      backendUrl: 'https://sidelight.corp.example',
      token: 'tok_policy',
      locked: { backendUrl: true, token: true },
    });
    expect(await settingsGet()).toEqual({ backendUrl: 'https://sidelight.corp.example', hasToken: true, locked: { backendUrl: true, token: true } });
  });

  it('lock only what the policy sets, and ignore a value that is not valid', async () => {
    await setPolicy({ backendUrl: 'javascript:alert(1)', token: 'tok_policy' });
    expect(await readSettings()).toMatchObject({ backendUrl: 'http://127.0.0.1:8787', locked: { backendUrl: false, token: true } });
  });

  it('cannot be changed from the options page', async () => {
    await setPolicy({ backendUrl: 'https://sidelight.corp.example' });
    expect(await save({ backendUrl: 'http://127.0.0.1:8787', token: 'tok_1' })).toEqual({ ok: false, message: expect.stringContaining('organisation') });
    // Saving the locked value as it is (the form sends it back) still saves the token and tests it.
    expect(await save({ backendUrl: 'https://sidelight.corp.example', token: 'tok_1' })).toEqual({ ok: true, ...ME });
    expect(await backendUrlItem.getValue()).toBe('http://127.0.0.1:8787');
  });

  it('are followed when the policy changes (the worker keeps a copy: the first policy read can take seconds)', async () => {
    await setPolicy({ backendUrl: 'https://a.example' });
    expect((await readSettings()).backendUrl).toBe('https://a.example');
    await setPolicy({ backendUrl: 'https://b.example' });
    expect(await refreshManagedSettings()).toBe(true);
    expect((await readSettings()).backendUrl).toBe('https://b.example');
    expect(await refreshManagedSettings()).toBe(false);
  });

  it('keep a token set by policy through sign-out', async () => {
    await setPolicy({ token: 'tok_policy' });
    expect(await backgroundHandlers['settings:sign-out']({}, OPTIONS_PAGE)).toEqual({ hasToken: true });
  });
});

describe('the connection status (popup)', () => {
  it('says who the token belongs to and when the backend last answered a lookup', async () => {
    await tokenItem.setValue('tok_1');
    await lastContactItem.setValue({ lastSuccessAt: 1_000, lastFailure: { at: 2_000, message: 'unreachable' } });
    expect(await backgroundHandlers['connection:get']({}, OPTIONS_PAGE)).toEqual({
      backendUrl: 'http://127.0.0.1:8787',
      locked: { backendUrl: false, token: false },
      identity: { state: 'connected', ...ME },
      lastSuccessAt: 1_000,
      lastFailure: { at: 2_000, message: 'unreachable' },
    });
  });

  it.each([
    ['signed out without a token', null, { state: 'signed-out' }],
    ['rejected on a 401', jsonResponse(401, { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'x' }), { state: 'rejected', message: 'Unauthorized' }],
    ['unreachable when the backend is down', new TypeError('Failed to fetch'), { state: 'unreachable', message: expect.stringContaining('unreachable') }],
  ])('is %s', async (_name, response, identity) => {
    if (response !== null) {
      await tokenItem.setValue('tok_1');
      fetch.mockImplementation(async () => {
        if (response instanceof Error) throw response;
        return response;
      });
    }
    expect((await backgroundHandlers['connection:get']({}, OPTIONS_PAGE)).identity).toEqual(identity);
  });
});
