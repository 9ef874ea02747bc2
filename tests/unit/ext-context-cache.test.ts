import { CONTEXT } from './ext-fake-browser.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../lib/contract/index.ts';
import {
  confirmContext,
  contextCacheKey,
  evictContexts,
  readCachedContext,
  storeContext,
  wipeContextCache,
} from '../../lib/ext/context-cache.ts';
import type { CacheLimits } from '../../lib/ext/context-cache.ts';
import { db } from '../../lib/ext/db.ts';
import { forgetWorkerMemory } from '../../lib/ext/worker-memory.ts';

const BACKEND = 'http://127.0.0.1:8787';
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const limits: CacheLimits = { freshMs: 5_000, maxAgeMs: 60 * MINUTE, maxEntries: 3 };
const context = (version: string) => ({ ...structuredClone(CONTEXT), version }) as unknown as Context;

beforeEach(async () => {
  forgetWorkerMemory();
  await db.contexts.clear();
});

describe('contextCacheKey', () => {
  it.each([
    ['identifiers in another order', [{ type: 'email', value: 'a@x.io' }, { type: 'zendesk_ticket_id', value: '42' }]],
    ['an email in another case', [{ type: 'zendesk_ticket_id', value: '42' }, { type: 'email', value: ' A@X.io' }]],
    ['a ticket id with leading zeros', [{ type: 'zendesk_ticket_id', value: '0042' }, { type: 'email', value: 'a@x.io' }]],
    ['a repeated identifier', [{ type: 'zendesk_ticket_id', value: '42' }, { type: 'email', value: 'a@x.io' }, { type: 'email', value: 'a@x.io' }]],
  ] as const)('is the same for %s', (_name, identifiers) => {
    const canonical = contextCacheKey(BACKEND, 'zendesk', [{ type: 'zendesk_ticket_id', value: '42' }, { type: 'email', value: 'a@x.io' }]);
    expect(contextCacheKey(BACKEND, 'zendesk', identifiers)).toBe(canonical);
  });

  it.each([
    ['another backend', () => contextCacheKey('https://sidelight.example.com', 'zendesk', [{ type: 'zendesk_ticket_id', value: '42' }])],
    ['another host', () => contextCacheKey(BACKEND, 'intercom', [{ type: 'zendesk_ticket_id', value: '42' }])],
    ['another record', () => contextCacheKey(BACKEND, 'zendesk', [{ type: 'zendesk_ticket_id', value: '43' }])],
  ])('differs for %s', (_name, key) => {
    expect(key()).not.toBe(contextCacheKey(BACKEND, 'zendesk', [{ type: 'zendesk_ticket_id', value: '42' }]));
  });
});

describe('the context cache', () => {
  it('serves what it stored, with when it was fetched', async () => {
    await storeContext('k', context('v1'), T0, limits);
    expect(await readCachedContext('k', T0 + MINUTE, limits)).toMatchObject({ key: 'k', version: 'v1', fetchedAt: T0, context: { version: 'v1' } });
    expect(await readCachedContext('other', T0, limits)).toBeNull();
  });

  it('forgets an entry once it is older than the maximum age', async () => {
    await storeContext('k', context('v1'), T0, limits);
    expect(await readCachedContext('k', T0 + 60 * MINUTE, limits)).not.toBeNull();
    expect(await readCachedContext('k', T0 + 60 * MINUTE + 1, limits)).toBeNull();
    expect(await db.contexts.count()).toBe(0);
  });

  it('confirms an unchanged context as of now, and only the version it holds', async () => {
    await storeContext('k', context('v1'), T0, limits);
    expect(await confirmContext('k', 'v2', T0 + MINUTE)).toBeNull();
    expect(await confirmContext('k', 'v1', T0 + 2 * MINUTE)).toMatchObject({ fetchedAt: T0 + 2 * MINUTE });
    expect(await readCachedContext('k', T0 + 61 * MINUTE, limits)).not.toBeNull();
  });

  it('evicts the least recently used entries beyond the count', async () => {
    await storeContext('a', context('a'), T0, limits);
    await storeContext('b', context('b'), T0 + 1, limits);
    await storeContext('c', context('c'), T0 + 2, limits);
    await readCachedContext('a', T0 + 3, limits); // "a" is used again: "b" is now the least recent
    await new Promise((resolve) => setTimeout(resolve, 10)); // the recency update is not awaited by the reader
    await storeContext('d', context('d'), T0 + 4, limits);
    expect((await db.contexts.toCollection().primaryKeys()).sort()).toEqual(['a', 'c', 'd']);
  });

  it('evicts expired entries even when the count allows them', async () => {
    await storeContext('old', context('old'), T0, limits);
    await storeContext('new', context('new'), T0 + 30 * MINUTE, limits);
    expect(await evictContexts(T0 + 61 * MINUTE, limits)).toBe(1);
    expect(await db.contexts.toCollection().primaryKeys()).toEqual(['new']);
  });

  it('is emptied by a wipe', async () => {
    await storeContext('k', context('v1'), T0, limits);
    await wipeContextCache();
    expect(await db.contexts.count()).toBe(0);
  });
});
