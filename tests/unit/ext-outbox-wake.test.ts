import { fakeBrowser } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outboxDb } from '../../lib/ext/db.ts';
import { backgroundHandlers } from '../../lib/ext/handlers.ts';
import { OUTBOX_ALARM, armOutboxAlarm } from '../../lib/ext/outbox-schedule.ts';
import { startOutbox } from '../../lib/ext/outbox-sender.ts';
import type { Caller } from '../../lib/ext/senders.ts';
import { tokenItem } from '../../lib/ext/storage.ts';
import { forgetWorkerMemory, workerMemory } from '../../lib/ext/worker-memory.ts';
import { REQUEST, fakeFlagBackend } from './ext-outbox-backend.ts';

// A worker stopped before a saved flag's answer must leave an alarm behind: nothing else wakes the next
// one (tests/e2e/outbox-durability.test.ts stops the real worker at these points).

const SIDEBAR: Caller = { kind: 'extension-page', tabId: 7 };
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const alarmAt = async () => (await fakeBrowser.alarms.get(OUTBOX_ALARM))?.scheduledTime;

let backend: ReturnType<typeof fakeFlagBackend>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: T0 });
  vi.spyOn(Math, 'random').mockReturnValue(1);
  fakeBrowser.reset();
  forgetWorkerMemory();
  await outboxDb.outbox.clear();
  backend = fakeFlagBackend();
  vi.stubGlobal('fetch', backend.fetch);
  await tokenItem.setValue('tok_1');
  startOutbox();
  while (workerMemory.outbox.draining) await workerMemory.outbox.draining;
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the outbox alarm, for a worker stopped mid-send', () => {
  it('is set before the flag is written, so a stop between the write and the send still wakes a worker', async () => {
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    const add = vi.spyOn(outboxDb.outbox, 'add');
    // The request never answers: the worker is stopped with it out.
    backend.fetch.mockImplementation(() => new Promise<Response>(() => undefined));
    const change = await backgroundHandlers['flag:create'](REQUEST, SIDEBAR);
    expect(change.ok).toBe(true);
    expect(create.mock.calls[0]).toEqual([OUTBOX_ALARM, { when: T0 + 2_000 }]);
    expect(create.mock.invocationCallOrder[0]).toBeLessThan(add.mock.invocationCallOrder[0]!);
  });

  it('is due no later than the retry of the attempt under way, while its request is out', async () => {
    backend.fetch.mockImplementation(() => new Promise<Response>(() => undefined));
    await fakeBrowser.alarms.clearAll();
    vi.setSystemTime(T0 + 500);
    const change = await backgroundHandlers['flag:create'](REQUEST, SIDEBAR);
    if (!change.ok) throw new Error(change.message);
    // (setImmediate is real: the fake clock stands still while IndexedDB and the drain go on.)
    while (backend.fetch.mock.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const entry = await outboxDb.outbox.get(change.item.id);
    expect(entry).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: T0 + 500 + 2_000 });
    expect(await alarmAt()).toBe(T0 + 500 + 2_000);
  });

  it('is never moved later by arming, only earlier', async () => {
    await armOutboxAlarm(T0 + 5_000);
    await armOutboxAlarm(T0 + 9_000);
    expect(await alarmAt()).toBe(T0 + 5_000);
    await armOutboxAlarm(T0 + 1_000);
    expect(await alarmAt()).toBe(T0 + 1_000);
  });
});
