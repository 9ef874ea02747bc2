import { fakeBrowser } from './ext-fake-browser.ts';
import type { Browser } from 'wxt/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outboxDb } from '../../lib/ext/db.ts';
import { backgroundHandlers } from '../../lib/ext/handlers.ts';
import { routeMessage } from '../../lib/ext/message-router.ts';
import { recordFlag } from '../../lib/ext/outbox.ts';
import { drainOutbox, startOutbox } from '../../lib/ext/outbox-sender.ts';
import type { Caller } from '../../lib/ext/senders.ts';
import { readSettings } from '../../lib/ext/settings.ts';
import { tokenItem } from '../../lib/ext/storage.ts';
import { forgetWorkerMemory, workerMemory } from '../../lib/ext/worker-memory.ts';
import { BACKEND, REQUEST, fakeFlagBackend } from './ext-outbox-backend.ts';

const SIDEBAR: Caller = { kind: 'extension-page', tabId: 7 };
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let backend: ReturnType<typeof fakeFlagBackend>;
const settled = async () => {
  while (workerMemory.outbox.draining) await workerMemory.outbox.draining;
};
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: T0 });
  fakeBrowser.reset();
  forgetWorkerMemory();
  await outboxDb.outbox.clear();
  backend = fakeFlagBackend();
  vi.stubGlobal('fetch', backend.fetch);
  await tokenItem.setValue('tok_1');
  startOutbox();
  await settled();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const handle = async <T,>(change: Promise<T>) => {
  const result = await change;
  await settled();
  return result;
};
const flag = () => handle(backgroundHandlers['flag:create'](REQUEST, SIDEBAR));
const undo = (target: { outboxId: string } | { flagId: string }) => handle(backgroundHandlers['flag:undo'](target, SIDEBAR));
const list = () => backgroundHandlers['flags:list']({}, SIDEBAR);
const itemOf = <T,>(change: { ok: true; item: T } | { ok: false; message: string }): T => {
  if (!change.ok) throw new Error(change.message);
  return change.item;
};
const undoPosts = () => backend.posts.filter((post) => post.path.endsWith('/undo'));
const flagPosts = () => backend.posts.filter((post) => post.path.startsWith('/v1/flags'));

describe('undoing a flag', () => {
  it('cancels a flag never sent, here, without asking the backend', async () => {
    // Recorded but not attempted yet (the sender has not run).
    const recorded = itemOf(await recordFlag(REQUEST, await readSettings()));
    const cancelled = itemOf(await undo({ outboxId: recorded.id }));
    expect(cancelled).toMatchObject({ id: recorded.id, state: 'cancelled' });
    await drainOutbox();
    expect(backend.posts).toEqual([]);
    expect((await list()).items).toEqual([]);
  });

  it('sends a flag whose attempt may have arrived, then undoes it', async () => {
    backend.setMode('down');
    const pending = itemOf(await flag());
    expect(itemOf(await undo({ outboxId: pending.id }))).toMatchObject({ state: 'pending', undoRequested: true });
    backend.setMode('up');
    await drainOutbox({ early: true });
    await settled();
    const { items } = await list();
    const flagged = items.find((item) => item.kind === 'flag');
    const undone = items.find((item) => item.kind === 'undo');
    expect(flagged).toMatchObject({ state: 'sent', flagId: 'flag_1', undoId: undone!.id });
    expect(undone).toMatchObject({ kind: 'undo', state: 'sent', flagId: 'flag_1' });
    expect(backend.flags.get('flag_1')!.status).toBe('undone');
  });

  it('undoes a sent flag through the outbox, with a key of its own', async () => {
    const sent = itemOf(await flag());
    const undoItem = itemOf(await undo({ outboxId: sent.id }));
    expect(undoItem).toMatchObject({ kind: 'undo', flagId: 'flag_1' });
    expect(await outboxDb.outbox.get(undoItem.id)).toMatchObject({ state: 'sent', result: { status: 'undone' } });
    expect(undoPosts()).toEqual([expect.objectContaining({ path: '/v1/flags/flag_1/undo', key: undoItem.id })]);
    // Asked again: the same undo answers, nothing more is sent.
    expect(itemOf(await undo({ outboxId: sent.id })).id).toBe(undoItem.id);
    expect(undoPosts()).toHaveLength(1);
  });

  it('undoes a flag in force known only by its id, and counts "already undone" (409) as done', async () => {
    itemOf(await flag());
    backend.flags.get('flag_1')!.status = 'undone'; // undone elsewhere meanwhile
    await outboxDb.outbox.clear();
    const undoItem = itemOf(await undo({ flagId: 'flag_1' }));
    expect(await outboxDb.outbox.get(undoItem.id)).toMatchObject({ state: 'sent', result: null });
  });

  it('fails an undo the backend refuses (403), with its reason, and lets the user dismiss it', async () => {
    const sent = itemOf(await flag());
    backend.setMode({ status: 403, title: 'Forbidden', detail: 'Only the flagger, cs_rep and admin may undo.' });
    const undoItem = itemOf(await undo({ outboxId: sent.id }));
    expect(await outboxDb.outbox.get(undoItem.id)).toMatchObject({ state: 'failed', lastError: 'Forbidden: Only the flagger, cs_rep and admin may undo.' });
    expect(itemOf(await backgroundHandlers['outbox:dismiss']({ id: undoItem.id }, SIDEBAR))).toMatchObject({ state: 'cancelled' });
    expect((await list()).counts).toEqual({ pending: 0, failed: 0, held: 0 });
  });
});

describe('flags made under other settings', () => {
  const signIn = async (backendUrl: string, token = 'tok_1') => {
    // (Its connection test asks /v1/me, which the fake backend does not serve: the settings are saved all the same.)
    await handle(backgroundHandlers['settings:save']({ backendUrl, token }, SIDEBAR));
    await drainOutbox();
  };

  it('are held, never sent to another backend, and sent once signed in to theirs again', async () => {
    backend.setMode('down');
    const pending = itemOf(await flag());
    backend.setMode('up');
    await signIn('http://127.0.0.1:9999');
    expect(flagPosts().filter((post) => post.host !== BACKEND)).toEqual([]);
    expect((await list()).counts).toEqual({ pending: 0, failed: 0, held: 1 });
    expect((await list()).items[0]).toMatchObject({ id: pending.id, held: true, backendUrl: BACKEND });
    expect(await handle(backgroundHandlers['outbox:retry']({ id: pending.id }, SIDEBAR))).toMatchObject({ ok: false });

    vi.setSystemTime(T0 + 60_000); // past its backoff
    await signIn(BACKEND);
    expect(await outboxDb.outbox.get(pending.id)).toMatchObject({ state: 'sent' });
    expect(flagPosts().filter((post) => post.host !== BACKEND)).toEqual([]);
  });

  it('are held after signing out, and a flag cannot be made until signed in', async () => {
    backend.setMode('down');
    itemOf(await flag());
    await handle(backgroundHandlers['settings:sign-out']({}, SIDEBAR));
    expect((await list()).counts).toEqual({ pending: 0, failed: 0, held: 1 });
    expect(await flag()).toEqual({ ok: false, message: expect.stringContaining('Sign in') });
  });

  it('are held under another token for the same backend (the flag is its maker\'s)', async () => {
    backend.setMode('down');
    itemOf(await flag());
    backend.setMode('up');
    await signIn(BACKEND, 'tok_someone_else');
    expect(flagPosts()).toHaveLength(1);
    expect((await list()).counts.held).toBe(1);
  });
});

describe('outbox messages', () => {
  const contentScript = {
    id: fakeBrowser.runtime.id,
    url: 'https://acme.zendesk.com/agent/tickets/42',
    frameId: 0,
    tab: { id: 7 },
  } as Browser.runtime.MessageSender;
  const sidebarPage = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidebar.html'), tab: { id: 7 } } as Browser.runtime.MessageSender;

  it.each([
    ['flag:create', REQUEST],
    ['flag:undo', { flagId: 'flag_1' }],
    ['outbox:retry', { id: 'x' }],
    ['flags:list', {}],
  ])('refuses %s from a content script', async (name, input) => {
    expect(await routeMessage(backgroundHandlers, { name, input }, contentScript)).toMatchObject({ ok: false });
    expect(await outboxDb.outbox.count()).toBe(0);
    expect(backend.posts).toEqual([]);
  });

  it.each([
    ['a flag without an entity', { record: REQUEST.record }],
    ['a flag of an unknown entity kind', { ...REQUEST, entity: { kind: 'team', id: 't' } }],
    ['a flag with a field the contract does not know', { ...REQUEST, splitEntityId: 'x' }],
    ['a note longer than 2000 characters', { ...REQUEST, note: 'x'.repeat(2001) }],
  ])('refuses %s', async (_name, input) => {
    expect(await routeMessage(backgroundHandlers, { name: 'flag:create', input }, sidebarPage)).toMatchObject({ ok: false });
    expect(await outboxDb.outbox.count()).toBe(0);
  });

  it('accepts a flag from the sidebar page and answers with its outbox entry', async () => {
    const reply = await routeMessage(backgroundHandlers, { name: 'flag:create', input: REQUEST }, sidebarPage);
    expect(reply).toMatchObject({ ok: true, output: { ok: true, item: { kind: 'flag', flag: REQUEST } } });
    await settled();
  });
});
