import { normaliseIdentifier } from '../contract/identifiers.ts';
import type { Host, Identifier } from '../contract/identifiers.ts';
import type { Context } from '../contract/lookup.ts';
import { db } from './db.ts';
import type { CachedContext } from './db.ts';
import { rememberContext, workerMemory } from './worker-memory.ts';

export interface CacheLimits {
  /** Younger than this, a cached context is served without asking the backend again. */
  freshMs: number;
  /** Older than this (since the backend last confirmed it), a context is gone, even offline. */
  maxAgeMs: number;
  /** At most this many contexts; the least recently used go first. */
  maxEntries: number;
}

export const CACHE_LIMITS: CacheLimits = {
  // A few seconds: the detection's warm-up and the sidebar's own ask share one answer, and going back
  // and forth between two tickets does not hit the backend each time. Older entries are revalidated
  // with `ifVersion`, which costs the backend no body when nothing changed.
  freshMs: 5_000,
  maxAgeMs: 24 * 60 * 60_000,
  maxEntries: 500,
};

/**
 * The cache key of a question: the backend, the host and the identifiers in their canonical form, sorted,
 * so the same record seen through another URL or in another order is the same entry.
 */
export function contextCacheKey(backendUrl: string, host: Host, identifiers: readonly Identifier[]): string {
  const canonical = identifiers
    .map((identifier) => normaliseIdentifier(identifier) ?? identifier)
    .map(({ type, value }) => `${type}:${value}`);
  return JSON.stringify([backendUrl, host, [...new Set(canonical)].sort()]);
}

/** The cached context for a key, or null when there is none or it has expired (then it is deleted). */
export async function readCachedContext(key: string, now = Date.now(), limits = CACHE_LIMITS): Promise<CachedContext | null> {
  const entry = workerMemory.contexts.get(key) ?? (await db.contexts.get(key));
  if (!entry) return null;
  if (now - entry.fetchedAt > limits.maxAgeMs) {
    workerMemory.contexts.delete(key);
    await db.contexts.delete(key);
    return null;
  }
  rememberContext({ ...entry, usedAt: now });
  // In a later task: recency only orders eviction, and the reader should not wait for a write, nor for
  // the few milliseconds IndexedDB takes to start one.
  setTimeout(() => void db.contexts.update(key, { usedAt: now }).catch(() => undefined), 0);
  return entry;
}

/** Keeps a context the backend just sent, then trims the cache back to its bounds. */
export async function storeContext(key: string, context: Context, now = Date.now(), limits = CACHE_LIMITS): Promise<CachedContext> {
  const entry: CachedContext = { key, context, version: context.version, fetchedAt: now, usedAt: now };
  await db.contexts.put(entry);
  rememberContext(entry);
  await evictContexts(now, limits);
  return entry;
}

/** The backend answered `notModified` for `version`: the cached context is confirmed as of now. */
export async function confirmContext(key: string, version: string, now = Date.now()): Promise<CachedContext | null> {
  return db.transaction('rw', db.contexts, async () => {
    const entry = await db.contexts.get(key);
    if (!entry || entry.version !== version) return null;
    const confirmed = { ...entry, fetchedAt: now, usedAt: now };
    await db.contexts.put(confirmed);
    rememberContext(confirmed);
    return confirmed;
  });
}

/** Forgets one cached context: the backend says its entity is gone. */
export async function forgetContext(key: string): Promise<void> {
  workerMemory.contexts.delete(key);
  await db.contexts.delete(key);
}

/** Drops expired contexts, then the least recently used beyond the count. Returns how many went. */
export async function evictContexts(now = Date.now(), limits = CACHE_LIMITS): Promise<number> {
  return db.transaction('rw', db.contexts, async () => {
    const expired = await db.contexts.where('fetchedAt').below(now - limits.maxAgeMs).primaryKeys();
    const excess = (await db.contexts.count()) - expired.length - limits.maxEntries;
    const leastRecent =
      excess > 0 ? await db.contexts.orderBy('usedAt').filter((entry) => !expired.includes(entry.key)).limit(excess).primaryKeys() : [];
    const evicted = [...expired, ...leastRecent];
    await db.contexts.bulkDelete(evicted);
    for (const key of evicted) workerMemory.contexts.delete(key);
    return evicted.length;
  });
}

/** Forgets every cached context: on sign-out and whenever the backend or the token changes. */
export function wipeContextCache(): Promise<void> {
  workerMemory.contexts.clear();
  return db.contexts.clear();
}

/**
 * Forgets the cached contexts that show any of these entities: a flag or an undo the backend applied
 * has moved a record between them, so the next ask goes to the backend instead of serving the old split.
 */
export async function dropContextsAbout(entityIds: readonly string[]): Promise<number> {
  const ids = new Set(entityIds);
  const shows = ({ context }: CachedContext) =>
    [context.account, context.person, ...context.candidates].some((entity) => entity !== null && ids.has(entity.id));
  return db.transaction('rw', db.contexts, async () => {
    const keys = await db.contexts.filter(shows).primaryKeys();
    await db.contexts.bulkDelete(keys);
    for (const key of keys) workerMemory.contexts.delete(key);
    return keys.length;
  });
}
