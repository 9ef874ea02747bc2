import { CONTEXT, fakeBrowser } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Context } from '../../lib/contract/index.ts';
import { storeContext } from '../../lib/ext/context-cache.ts';
import { db, outboxDb } from '../../lib/ext/db.ts';
import { backgroundHandlers } from '../../lib/ext/handlers.ts';
import { OUTBOX_ALARM } from '../../lib/ext/outbox-schedule.ts';
import { drainOutbox, startOutbox } from '../../lib/ext/outbox-sender.ts';
import type { Caller } from '../../lib/ext/senders.ts';
import { tokenItem } from '../../lib/ext/storage.ts';
import { forgetWorkerMemory, workerMemory } from '../../lib/ext/worker-memory.ts';
import { REQUEST, fakeFlagBackend } from './ext-outbox-backend.ts';

const SIDEBAR: Caller = { kind: 'extension-page', tabId: 7 };
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;

let backend: ReturnType<typeof fakeFlagBackend>;
/** Waits for the drain the handlers start without awaiting it. */
const settled = async () => {
  while (workerMemory.outbox.draining) await workerMemory.outbox.draining;
};

beforeEach(async () => {
  // Date and timers are ours to move; IndexedDB's own scheduling (setImmediate) stays real.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: T0 });
  // The longest wait of each backoff step (no jitter), so the schedule can be asserted exactly.
  vi.spyOn(Math, 'random').mockReturnValue(1);
  fakeBrowser.reset();
  forgetWorkerMemory(); // each case starts as a newly started worker
  await Promise.all([outboxDb.outbox.clear(), db.contexts.clear()]);
  backend = fakeFlagBackend();
  vi.stubGlobal('fetch', backend.fetch);
  await tokenItem.setValue('tok_1');
  startOutbox(); // as the background does when its worker starts
  await settled();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const flag = async () => {
  const change = await backgroundHandlers['flag:create'](REQUEST, SIDEBAR);
  if (!change.ok) throw new Error(change.message);
  await settled();
  return change.item;
};
const entry = (id: string) => outboxDb.outbox.get(id);
const flagPosts = () => backend.posts.filter((post) => post.path === '/v1/flags');
const at = (ms: number) => vi.setSystemTime(T0 + ms);
const fireAlarm = async () => {
  const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
  expect(alarm, 'the outbox alarm is set').toBeDefined();
  await fakeBrowser.alarms.onAlarm.trigger(alarm!);
  await settled();
};

describe('the flag outbox', () => {
  it('writes a flag to IndexedDB, with its idempotency key, before sending it', async () => {
    const seenOnDisk: unknown[] = [];
    const send = backend.fetch.getMockImplementation()!;
    backend.fetch.mockImplementation(async (input, init) => {
      const key = (init!.headers as Record<string, string>)['idempotency-key']!;
      seenOnDisk.push(await entry(key));
      return send(input, init);
    });

    const item = await flag();
    expect(item).toMatchObject({ kind: 'flag', state: 'pending', flag: REQUEST, attempts: 0, held: false });
    expect(seenOnDisk).toEqual([expect.objectContaining({ id: item.id, state: 'pending', attempts: 1, flag: REQUEST })]);
    expect(await entry(item.id)).toMatchObject({ state: 'sent', flagId: 'flag_1', result: { id: 'flag_1', status: 'applied' }, lastError: null });
    expect(flagPosts()).toEqual([{ path: '/v1/flags', key: item.id, host: 'http://127.0.0.1:8787', body: REQUEST }]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined(); // nothing left to wake up for
  });

  it('retries with exponential backoff after a network error and a 503, with the same key each time', async () => {
    backend.setMode('down');
    const item = await flag();
    expect(await entry(item.id)).toMatchObject({ state: 'pending', attempts: 1, lastErrorKind: 'network', nextAttemptAt: T0 + 2_000 });
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(T0 + 2_000);

    at(1_000);
    await drainOutbox();
    expect(flagPosts()).toHaveLength(1); // not due yet

    backend.setMode({ status: 503, title: 'Service unavailable', detail: 'The store is starting.' });
    at(2_000);
    await fireAlarm();
    expect(await entry(item.id)).toMatchObject({
      state: 'pending',
      attempts: 2,
      lastErrorKind: 'server',
      lastError: 'Service unavailable: The store is starting.',
      nextAttemptAt: T0 + 2_000 + 4_000,
    });

    backend.setMode('up');
    at(6_000);
    await fireAlarm();
    expect(await entry(item.id)).toMatchObject({ state: 'sent', attempts: 3 });
    expect(flagPosts().map((post) => post.key)).toEqual([item.id, item.id, item.id]);
    expect(backend.flags.size).toBe(1);
  });

  it('waits as long as a 429 asks (Retry-After) before trying again', async () => {
    backend.setMode({ status: 429, title: 'Too many requests', detail: 'Slow down.', retryAfter: '30' });
    const item = await flag();
    expect(await entry(item.id)).toMatchObject({ state: 'pending', nextAttemptAt: T0 + 30_000, lastErrorKind: 'server' });
  });

  it.each([
    [422, 'Idempotency key reused', 'The key was used with another body.'],
    [404, 'Not found', 'No record billing/cus_9 in person per_1.'],
    [403, 'Forbidden', 'Not allowed.'],
  ])('fails at once on a %i, with the problem detail, and never sends again', async (status, title, detail) => {
    backend.setMode({ status, title, detail });
    const item = await flag();
    expect(await entry(item.id)).toMatchObject({ state: 'failed', lastError: `${title}: ${detail}`, lastErrorKind: 'refused', nextAttemptAt: null });
    at(HOUR);
    await drainOutbox();
    expect(flagPosts()).toHaveLength(1);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1'); // told even with no sidebar open
  });

  it('is sent exactly once after the worker was stopped (and alarms lost) while the backend was down', async () => {
    backend.setMode('down');
    const item = await flag();

    // The worker stops: its memory, listeners and (as after a browser restart) alarms are gone.
    fakeBrowser.alarms.onAlarm.removeAllListeners();
    await fakeBrowser.alarms.clearAll();
    forgetWorkerMemory();
    at(500);
    startOutbox(); // a new worker starts
    await settled();
    expect((await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime).toBe(T0 + 2_000);

    backend.setMode('up');
    at(2_000);
    await fireAlarm();
    expect(await entry(item.id)).toMatchObject({ state: 'sent', attempts: 2 });

    // Later wake-ups find nothing to send.
    forgetWorkerMemory();
    startOutbox();
    await settled();
    at(HOUR);
    await drainOutbox();
    expect(flagPosts()).toHaveLength(2);
    expect(flagPosts().filter((post) => post.key === item.id)).toHaveLength(2);
    expect(backend.flags.size).toBe(1);
  });

  it('sends again, under the same key, an attempt whose answer the stopped worker never recorded', async () => {
    backend.setMode('down');
    const item = await flag(); // attempt 1: as far as the worker knows, it may have arrived
    backend.setMode('up');
    // It did arrive: the backend has it under the key (the worker stopped before the answer).
    await backend.fetch(new URL('/v1/flags', 'http://127.0.0.1:8787'), {
      method: 'POST',
      headers: { 'idempotency-key': item.id },
      body: JSON.stringify(REQUEST),
    });
    forgetWorkerMemory();
    at(2_000);
    startOutbox();
    await settled();
    expect(await entry(item.id)).toMatchObject({ state: 'sent', flagId: 'flag_1' });
    expect(backend.flags.size).toBe(1);
  });

  it('fails when the retry window passes, tells the user, and sends on a manual retry', async () => {
    backend.setMode('down');
    const item = await flag();
    at(24 * HOUR);
    await drainOutbox();
    const failed = await entry(item.id);
    expect(failed).toMatchObject({ state: 'failed', lastErrorKind: 'expired' });
    expect(failed!.lastError).toMatch(/^Not sent within 24 h: The backend at http:\/\/127\.0\.0\.1:8787 is unreachable\.$/);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect((await backgroundHandlers['flags:list']({}, SIDEBAR)).counts).toEqual({ pending: 0, failed: 1, held: 0 });

    backend.setMode('up');
    const retried = await backgroundHandlers['outbox:retry']({ id: item.id }, SIDEBAR);
    expect(retried).toMatchObject({ ok: true, item: { state: 'pending', windowEndsAt: T0 + 48 * HOUR } });
    await settled();
    expect(await entry(item.id)).toMatchObject({ state: 'sent' });
    expect(new Set(flagPosts().map((post) => post.key))).toEqual(new Set([item.id]));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('answers the same waiting flag instead of recording it twice', async () => {
    backend.setMode('down');
    const first = await flag();
    const second = await flag();
    expect(second.id).toBe(first.id);
    expect(await outboxDb.outbox.count()).toBe(1);
  });

  it('drops the cached contexts of the entities a sent flag changed', async () => {
    await storeContext('ticket-42', CONTEXT as unknown as Context, Date.now());
    await storeContext('other', { ...CONTEXT, account: null, person: { ...CONTEXT.person, id: 'per_2' } } as unknown as Context, Date.now());
    await flag();
    expect(await db.contexts.toCollection().primaryKeys()).toEqual(['other']);
  });

  it('sends entries waiting for an unreachable backend as soon as it answers again', async () => {
    backend.setMode('down');
    const item = await flag();
    backend.setMode('up');
    await drainOutbox({ early: true }); // what the background does when a lookup succeeds
    expect(await entry(item.id)).toMatchObject({ state: 'sent' });
  });
});
