import { CONTEXT, fakeBrowser, jsonResponse } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Context } from '../../lib/contract/index.ts';
import { readCachedContext, storeContext } from '../../lib/ext/context-cache.ts';
import { db } from '../../lib/ext/db.ts';
import { sweepErasures, sweepErasuresSoon } from '../../lib/ext/erasure-sweep.ts';
import { erasureCursorItem, tabDetections } from '../../lib/ext/storage.ts';
import type { TabDetection } from '../../lib/ext/storage.ts';
import { forgetWorkerMemory, workerMemory } from '../../lib/ext/worker-memory.ts';

const settings = { backendUrl: 'http://127.0.0.1:8787', token: 'tok_admin' };
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const entity = (kind: 'account' | 'person', id: string) => ({ kind, id, name: id, detail: null });

/** Nancy (per_nancy) at Northwind, Andrew (per_andrew) at Northwind, a ticket whose match row alone names Nancy. */
const contexts: Record<string, Context> = {
  nancy: { ...structuredClone(CONTEXT), version: 'n' } as unknown as Context,
  andrew: { ...structuredClone(CONTEXT), person: entity('person', 'per_andrew'), version: 'a' } as unknown as Context,
  ticket: {
    ...structuredClone(CONTEXT),
    person: null,
    matches: [{ entity: { kind: 'person', id: 'per_1' }, source: 'zendesk', system: 'support', sourceId: '9', label: 'Zendesk person', rule: 'exact_email', confidence: 1, explanation: '', link: null }],
    version: 't',
  } as unknown as Context,
};

function stubErasures(pages: { erasures: { id: string; at: string; entityIds: string[] }[]; cursor: string | null }[]) {
  const fetch = vi.fn(async () => jsonResponse(200, pages.shift() ?? { erasures: [], cursor: null }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const urlOf = (fetch: ReturnType<typeof stubErasures>, call: number) => new URL(String((fetch.mock.calls[call] as unknown as [URL])[0]));

beforeEach(async () => {
  fakeBrowser.reset();
  forgetWorkerMemory();
  await db.contexts.clear();
  for (const [key, context] of Object.entries(contexts)) await storeContext(key, context, T0);
});
afterEach(() => vi.unstubAllGlobals());

describe('the erasure sweep', () => {
  it('drops every cached context showing an erased person, as person or as a match, and keeps the others', async () => {
    const fetch = stubErasures([{ erasures: [{ id: '7', at: new Date(T0).toISOString(), entityIds: ['per_1'] }], cursor: '7' }]);
    expect(await sweepErasures(settings, T0 + 1)).toEqual({ ok: true, dropped: 2 });
    expect((await db.contexts.toCollection().primaryKeys()).sort()).toEqual(['andrew']);
    expect(await readCachedContext('nancy', T0 + 2)).toBeNull();
    expect([...workerMemory.contexts.keys()]).toEqual(['andrew']);
    expect(urlOf(fetch, 0).pathname).toBe('/v1/erasures');
    expect(urlOf(fetch, 0).searchParams.get('after')).toBeNull();
    expect((fetch.mock.calls[0] as unknown as [URL, RequestInit])[1].headers).toMatchObject({ Authorization: 'Bearer tok_admin' });
  });

  it('asks only for erasures after its cursor, and starts over for another backend or token', async () => {
    const fetch = stubErasures([{ erasures: [{ id: '7', at: new Date(T0).toISOString(), entityIds: ['per_unknown'] }], cursor: '7' }, { erasures: [], cursor: '7' }, { erasures: [], cursor: '7' }]);
    await sweepErasures(settings, T0);
    await sweepErasures(settings, T0 + 1);
    expect(urlOf(fetch, 1).searchParams.get('after')).toBe('7');
    await sweepErasures({ ...settings, token: 'tok_other' }, T0 + 2);
    expect(urlOf(fetch, 2).searchParams.get('after')).toBeNull();
    expect(await db.contexts.count()).toBe(3);
  });

  it('pages through a long list', async () => {
    const page = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: String(from + i), at: new Date(T0).toISOString(), entityIds: [`per_${from + i}`] }));
    const fetch = stubErasures([{ erasures: page(1, 500), cursor: '500' }, { erasures: page(501, 3), cursor: '503' }]);
    await sweepErasures(settings, T0);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(urlOf(fetch, 1).searchParams.get('after')).toBe('500');
    expect((await erasureCursorItem.getValue()).after).toBe('503');
  });

  it('keeps its cursor when the backend cannot be asked, and tries again', async () => {
    stubErasures([{ erasures: [], cursor: '4' }]);
    await sweepErasures(settings, T0);
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    expect(await sweepErasures(settings, T0 + 1)).toEqual({ ok: false, dropped: 0 });
    expect(await erasureCursorItem.getValue()).toMatchObject({ after: '4', sweptAt: T0 + 1 });
    expect(await db.contexts.count()).toBe(3);
    const fetch = stubErasures([{ erasures: [], cursor: '4' }]);
    await sweepErasuresSoon(settings, T0 + 61_001);
    expect(urlOf(fetch, 0).searchParams.get('after')).toBe('4');
  });

  it('clears the seed of a tab that shows an erased person, so its sidebar asks again', async () => {
    const seeded = (context: Context): TabDetection => ({
      revision: 'r1',
      detection: { ok: true, host: 'zendesk', url: 'https://acme.zendesk.com/agent/tickets/42', identifiers: [{ type: 'zendesk_ticket_id', value: '42' }], label: 'Ticket 42' },
      seed: { settingsRevision: 's', at: T0, context: { state: 'ready', detection: { ok: true, host: 'zendesk', url: 'https://acme.zendesk.com/agent/tickets/42', identifiers: [{ type: 'zendesk_ticket_id', value: '42' }], label: 'Ticket 42' }, context, fetchedAt: T0, origin: 'cache', refreshing: false, offline: null } },
    }) as unknown as TabDetection;
    await tabDetections.set(1, seeded(contexts.nancy!));
    await tabDetections.set(2, seeded(contexts.andrew!));
    stubErasures([{ erasures: [{ id: '8', at: new Date(T0).toISOString(), entityIds: ['per_1'] }], cursor: '8' }]);
    await sweepErasures(settings, T0);
    const [one, two] = [await tabDetections.get(1), await tabDetections.get(2)];
    expect([one?.seed, one?.revision === 'r1']).toEqual([null, false]);
    expect(two?.revision).toBe('r1');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('per_1"');
  });

  it('runs at most once a minute after lookups', async () => {
    const fetch = stubErasures([{ erasures: [], cursor: null }, { erasures: [], cursor: null }]);
    await sweepErasuresSoon(settings, T0);
    await sweepErasuresSoon(settings, T0 + 30_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    await sweepErasuresSoon(settings, T0 + 61_000);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
