import type { EntityContext, EntityKey } from '../contract/messages.ts';
import { claimCache, releaseCache, stillOwns } from './cache-owner.ts';
import { recordContact } from './connection-status.ts';
import { CACHE_LIMITS, confirmContext, forgetContext, readCachedContext, storeContext } from './context-cache.ts';
import type { CachedContext } from './db.ts';
import { fetchEntityContext } from './entity-api.ts';
import { readSettings } from './settings.ts';
import type { Settings } from './settings.ts';

/** The cache key of a chosen entity; shaped unlike `contextCacheKey`, so the two never collide. */
export const entityCacheKey = (backendUrl: string, { kind, id }: EntityKey) => JSON.stringify([backendUrl, 'entity', kind, id]);

const ready = (entity: EntityKey, entry: CachedContext, origin: 'cache' | 'network', offline: string | null, refreshing: boolean): EntityContext => ({
  state: 'ready',
  entity,
  context: entry.context,
  fetchedAt: entry.fetchedAt,
  origin,
  refreshing,
  offline,
});

/**
 * The context of an account or person the agent chose, stale-while-revalidate like a tab's context
 * (lib/ext/tab-context.ts): the cache answers at once and is refreshed when older than a few seconds;
 * `fresh` waits for the backend, and falls back to the cache, marked offline, when it cannot be reached.
 */
export async function contextOfEntity(entity: EntityKey, { fresh = false } = {}): Promise<EntityContext> {
  const settings = await readSettings();
  if (!settings.token) return { state: 'signed-out', reason: 'no-token' };
  const key = entityCacheKey(settings.backendUrl, entity);
  const [{ owner, wiped }, read] = await Promise.all([claimCache(settings), readCachedContext(key)]);
  const cached = wiped ? null : read;
  if (cached && Date.now() - cached.fetchedAt < CACHE_LIMITS.freshMs) return ready(entity, cached, 'cache', null, false);
  const flightKey = `${owner}\n${key}`;
  let refresh = inFlight.get(flightKey);
  if (!refresh) {
    refresh = refreshEntity({ entity, settings, owner, key, cached }).finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, refresh);
  }
  if (cached && !fresh) {
    refresh.catch(() => undefined);
    return ready(entity, cached, 'cache', null, true);
  }
  return refresh;
}

/** One request per entity and settings at a time: the first ask and its `fresh` follow-up share it. */
const inFlight = new Map<string, Promise<EntityContext>>();

interface RefreshRequest {
  entity: EntityKey;
  settings: Settings;
  owner: string;
  key: string;
  cached: CachedContext | null;
}

async function refreshEntity({ entity, settings, owner, key, cached }: RefreshRequest): Promise<EntityContext> {
  const result = await fetchEntityContext(entity, settings, cached?.version);
  const now = Date.now();
  if (!result.ok) {
    if ('notFound' in result) {
      if (cached && (await stillOwns(owner))) await forgetContext(key);
      return { state: 'not-found', message: result.message };
    }
    if (result.signedOut) {
      // The token is refused: what it fetched must not outlive it.
      if (await stillOwns(owner)) await releaseCache();
      return { state: 'signed-out', reason: 'rejected' };
    }
    void recordContact({ ok: false, at: now, message: result.message });
    return cached ? ready(entity, cached, 'cache', result.message, false) : { state: 'error', message: result.message };
  }
  void recordContact({ ok: true, at: now });
  // Settings changed while the request was out: answer it, but keep it out of the new owner's cache.
  const owns = await stillOwns(owner);
  if ('notModified' in result.value) {
    const confirmed = owns ? await confirmContext(key, result.value.version, now) : null;
    return ready(entity, confirmed ?? { ...cached!, fetchedAt: now }, 'network', null, false);
  }
  const entry = owns
    ? await storeContext(key, result.value, now)
    : { key, context: result.value, version: result.value.version, fetchedAt: now, usedAt: now };
  return ready(entity, entry, 'network', null, false);
}
