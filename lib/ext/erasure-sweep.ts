import { browser } from 'wxt/browser';
import { ErasureFeed } from '../contract/erasure.ts';
import type { Context } from '../contract/lookup.ts';
import { call } from './api.ts';
import { cacheOwnerOf } from './cache-owner.ts';
import { db } from './db.ts';
import { readSettings } from './settings.ts';
import type { Settings } from './settings.ts';
import { erasureCursorItem } from './storage.ts';
import type { TabDetection } from './storage.ts';
import { workerMemory } from './worker-memory.ts';

/**
 * A person erased at the backend (GDPR) must not live on in the extension's cache. The backend lists its
 * erasures after a cursor, as the entity ids that showed the person (never an address); the background
 * reads that list when it talks to the backend anyway (after a lookup, at most once a minute), at start-up
 * and on an alarm, and drops every cached context and tab seed that shows one of those entities.
 */
export const ERASURE_SWEEP = { minIntervalMs: 60_000, alarmMinutes: 30, pageSize: 500, maxPages: 20 } as const;
export const ERASURE_ALARM = 'sidelight:erasures';

const shows = (context: Context, ids: ReadonlySet<string>) =>
  [context.account, context.person, ...context.candidates].some((entity) => entity !== null && ids.has(entity.id)) ||
  context.matches.some((match) => ids.has(match.entity.id));

/** Forgets every cached context, and every tab's seed, that shows one of these entities. Returns how many contexts went. */
export async function dropContextsShowing(entityIds: readonly string[]): Promise<number> {
  const ids = new Set(entityIds);
  const keys = await db.transaction('rw', db.contexts, async () => {
    const found = await db.contexts.filter((entry) => shows(entry.context, ids)).primaryKeys();
    await db.contexts.bulkDelete(found);
    return found;
  });
  for (const [key, entry] of workerMemory.contexts) if (keys.includes(key) || shows(entry.context, ids)) workerMemory.contexts.delete(key);
  await dropTabSeeds(ids);
  return keys.length;
}

/** A tab's seed is the context it was shown at once: a new revision without it makes its sidebar ask again. */
async function dropTabSeeds(ids: ReadonlySet<string>): Promise<void> {
  const stored = (await browser.storage.session.get(null)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(stored)) {
    const tab = /^tab:(\d+):detection$/.exec(key);
    const detection = value as TabDetection | undefined;
    const seed = detection?.seed?.context;
    if (!tab || !detection || seed?.state !== 'ready' || !shows(seed.context, ids)) continue;
    const cleared: TabDetection = { ...detection, revision: crypto.randomUUID(), seed: null };
    workerMemory.detections.set(Number(tab[1]), cleared);
    await browser.storage.session.set({ [key]: cleared });
  }
}

/**
 * Reads the erasures after the stored cursor (for these settings) and drops what they name. False when
 * the backend could not be asked; the cursor then stays, and the next sweep asks again.
 */
export async function sweepErasures(settings: Pick<Settings, 'backendUrl' | 'token'>, now = Date.now()): Promise<{ ok: boolean; dropped: number }> {
  if (!settings.token) return { ok: true, dropped: 0 };
  const owner = await cacheOwnerOf(settings);
  const stored = await erasureCursorItem.getValue();
  let after = stored.owner === owner ? stored.after : null;
  let dropped = 0;
  for (let page = 0; page < ERASURE_SWEEP.maxPages; page++) {
    const query = new URLSearchParams({ limit: String(ERASURE_SWEEP.pageSize), ...(after ? { after } : {}) });
    const answer = await call(settings, 'GET', `/v1/erasures?${query}`, undefined, ErasureFeed);
    if (!answer.ok) {
      // The cursor stays; the attempt counts for the once-a-minute pace, so a backend without the route
      // (or down) is not asked again after every lookup.
      await erasureCursorItem.setValue({ owner, after, sweptAt: now });
      return { ok: false, dropped };
    }
    const ids = answer.value.erasures.flatMap((e) => e.entityIds);
    if (ids.length) dropped += await dropContextsShowing(ids);
    after = answer.value.cursor ?? after;
    await erasureCursorItem.setValue({ owner, after, sweptAt: now });
    if (answer.value.erasures.length < ERASURE_SWEEP.pageSize) break;
  }
  return { ok: true, dropped };
}

let sweeping: Promise<unknown> | null = null;

/** A sweep unless one was tried (or is under way) within the last minute: called after each answered lookup. */
export async function sweepErasuresSoon(settings: Pick<Settings, 'backendUrl' | 'token'>, now = Date.now()): Promise<void> {
  if (sweeping) return;
  const stored = await erasureCursorItem.getValue();
  if (stored.owner === (await cacheOwnerOf(settings)) && now - stored.sweptAt < ERASURE_SWEEP.minIntervalMs) return;
  sweeping = sweepErasures(settings, now)
    .catch((error: unknown) => console.warn('[sidelight] could not read the erasures', error))
    .finally(() => (sweeping = null));
  await sweeping;
}

/** Registers the sweep with a starting worker: its alarm (listened for synchronously), and one sweep now. */
export function startErasureSweeps(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ERASURE_ALARM) void readSettings().then((settings) => sweepErasuresSoon(settings));
  });
  void browser.alarms.create(ERASURE_ALARM, { periodInMinutes: ERASURE_SWEEP.alarmMinutes });
  void readSettings()
    .then((settings) => sweepErasuresSoon(settings))
    .catch(() => undefined);
}
