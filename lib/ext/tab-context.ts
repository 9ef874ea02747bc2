import type { Detection, DetectionResult, TabContext } from '../contract/messages.ts';
import { lookup } from './api.ts';
import { claimCache, releaseCache, stillOwns } from './cache-owner.ts';
import { recordContact } from './connection-status.ts';
import { CACHE_LIMITS, confirmContext, contextCacheKey, readCachedContext, storeContext } from './context-cache.ts';
import { sweepErasuresSoon } from './erasure-sweep.ts';
import type { CachedContext } from './db.ts';
import { readSettings } from './settings.ts';
import type { Settings } from './settings.ts';
import { forgetTab, tabDetections } from './storage.ts';
import type { TabDetection } from './storage.ts';
import { postToTab } from './tab-ports.ts';
import { workerMemory } from './worker-memory.ts';

/** What a detection means, ignoring the URL: the same record on another sub-page needs no new lookup. */
const meaningOf = ({ url: _url, ...rest }: DetectionResult) => JSON.stringify(rest);

// Reports of one tab are applied in the order they arrive, so a slow read cannot overwrite a newer page.
const tabQueues = new Map<number, Promise<unknown>>();
function inTabOrder<T>(tabId: number, task: () => Promise<T>): Promise<T> {
  const run = (tabQueues.get(tabId) ?? Promise.resolve()).then(task, task);
  tabQueues.set(tabId, run.catch(() => undefined));
  return run;
}

/** What a tab shows: the worker's copy, else `storage.session` (which outlives a stopped worker). */
async function detectionOf(tabId: number): Promise<TabDetection | null> {
  const known = workerMemory.detections.get(tabId);
  if (known) return known;
  const stored = await tabDetections.get(tabId);
  if (stored) workerMemory.detections.set(tabId, stored);
  return stored;
}

export function forgetTabContext(tabId: number): Promise<void> {
  workerMemory.detections.delete(tabId);
  return forgetTab(tabId);
}

/**
 * Records what the tab shows now and starts its lookup at once, before the sidebar asks. When the cache
 * can answer, the answer is stored with the detection: the sidebar renders it without asking (one round
 * trip less on the warm path); otherwise the lookup runs and the sidebar's ask joins it.
 */
export function recordDetection(tabId: number, detection: DetectionResult): Promise<void> {
  return inTabOrder(tabId, async () => {
    const [previous, settings] = await Promise.all([detectionOf(tabId), readSettings()]);
    if (previous && meaningOf(previous.detection) === meaningOf(detection)) return;
    const context = await contextOf(detection, settings, 'cache-only').catch(() => null);
    const current: TabDetection = {
      revision: crypto.randomUUID(),
      detection,
      seed: context && { settingsRevision: settings.revision, context, at: Date.now() },
    };
    workerMemory.detections.set(tabId, current);
    // An open sidebar gets the seed over its port; storage then keeps only what a new worker or a
    // reloaded sidebar needs (a seed read later is asked for again anyway).
    const delivered = postToTab(tabId, current);
    await tabDetections.set(tabId, delivered ? { ...current, seed: null } : current);
  });
}

/**
 * The context for what a tab shows, stale-while-revalidate: a cached context is answered at once (and
 * refreshed in the background when it is more than a few seconds old); without one, the backend's answer
 * is awaited. `fresh` waits for the refresh instead, and falls back to the cache, marked offline, when the
 * backend cannot be reached.
 */
export async function contextOfTab(tabId: number, { fresh = false } = {}): Promise<TabContext> {
  // Reads that do not depend on each other go together: this is the warm path's whole cost.
  const [current, settings] = await Promise.all([detectionOf(tabId), readSettings()]);
  if (!current) return { state: 'waiting' };
  return (await contextOf(current.detection, settings, fresh ? 'fresh' : 'fastest'))!;
}

/**
 * `fastest`: the cache when it has the context, else the backend. `fresh`: the backend's answer, or the
 * cache marked offline. `cache-only`: null instead of waiting for the backend (whose request starts all
 * the same).
 */
async function contextOf(detection: DetectionResult, settings: Settings, mode: 'fastest' | 'fresh' | 'cache-only'): Promise<TabContext | null> {
  if (!detection.ok) return { state: 'miss', miss: detection };
  if (!settings.token) return { state: 'signed-out', reason: 'no-token' };

  const key = contextCacheKey(settings.backendUrl, detection.host, detection.identifiers);
  const [{ owner, wiped }, read] = await Promise.all([claimCache(settings), readCachedContext(key)]);
  const cached = wiped ? null : read;
  if (cached && Date.now() - cached.fetchedAt < CACHE_LIMITS.freshMs) {
    return ready(detection, { entry: cached, origin: 'cache', offline: null }, false);
  }
  const refresh = inFlight.get(`${owner}\n${key}`) ?? startRefresh({ settings, owner, key, detection, cached });
  if (cached && mode !== 'fresh') return ready(detection, { entry: cached, origin: 'cache', offline: null }, true);
  if (mode === 'cache-only') {
    refresh.catch(() => undefined);
    return null;
  }
  const outcome = await refresh;
  switch (outcome.kind) {
    case 'signed-out':
      return { state: 'signed-out', reason: 'rejected' };
    case 'error':
      return { state: 'error', message: outcome.message, detection };
    case 'context':
      return ready(detection, outcome, false);
  }
}

interface ContextOutcome {
  kind: 'context';
  entry: CachedContext;
  origin: 'cache' | 'network';
  offline: string | null;
}
type RefreshOutcome = ContextOutcome | { kind: 'signed-out' } | { kind: 'error'; message: string };

function ready(detection: Detection, { entry, origin, offline }: Omit<ContextOutcome, 'kind'>, refreshing: boolean): TabContext {
  return { state: 'ready', detection, context: entry.context, fetchedAt: entry.fetchedAt, origin, refreshing, offline };
}

interface RefreshRequest {
  settings: Settings;
  owner: string;
  key: string;
  detection: Detection;
  cached: CachedContext | null;
}

/**
 * One request per question and settings at a time: the detection's warm-up and the sidebar's asks share
 * it, and an ask made with a new token never waits for the old token's request.
 */
const inFlight = new Map<string, Promise<RefreshOutcome>>();

/**
 * Starts the request for a question, or joins the one under way. A revalidation (a cached context is being
 * answered meanwhile) starts in the next task: building the request costs the worker a few milliseconds,
 * which belong after the cached answer is on its way, not before.
 */
function startRefresh(request: RefreshRequest): Promise<RefreshOutcome> {
  const flightKey = `${request.owner}\n${request.key}`;
  const started = request.cached ? new Promise<void>((resolve) => setTimeout(resolve, 0)) : Promise.resolve();
  const refresh = started.then(() => refreshContext(request)).finally(() => inFlight.delete(flightKey));
  inFlight.set(flightKey, refresh);
  return refresh;
}

async function refreshContext({ settings, owner, key, detection, cached }: RefreshRequest): Promise<RefreshOutcome> {
  const { host, identifiers } = detection;
  const result = await lookup(settings, { host, identifiers, ...(cached ? { ifVersion: cached.version } : {}) });
  const now = Date.now();
  if (!result.ok) {
    if (result.signedOut) {
      // The token is refused: what it fetched must not outlive it.
      if (await stillOwns(owner)) await releaseCache();
      return { kind: 'signed-out' };
    }
    void recordContact({ ok: false, at: now, message: result.message });
    return cached ? { kind: 'context', entry: cached, origin: 'cache', offline: result.message } : { kind: 'error', message: result.message };
  }
  void recordContact({ ok: true, at: now });
  // The backend is reachable: what it erased since the last look leaves the cache (at most once a minute).
  void sweepErasuresSoon(settings);
  // Settings changed while the request was out: answer it, but keep it out of the new owner's cache.
  const owns = await stillOwns(owner);
  if ('notModified' in result.value) {
    const confirmed = owns ? await confirmContext(key, result.value.version, now) : null;
    return { kind: 'context', entry: confirmed ?? { ...cached!, fetchedAt: now }, origin: 'network', offline: null };
  }
  const entry = owns
    ? await storeContext(key, result.value, now)
    : { key, context: result.value, version: result.value.version, fetchedAt: now, usedAt: now };
  return { kind: 'context', entry, origin: 'network', offline: null };
}
