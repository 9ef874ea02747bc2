import type { CachedContext } from './db.ts';
import type { Settings } from './settings.ts';
import type { TabDetection } from './storage.ts';

/**
 * How many contexts the worker keeps at hand (IndexedDB keeps up to `CACHE_LIMITS.maxEntries`): a working
 * day's worth of tickets, so going back to one does not wait on IndexedDB. A context is tens of KB; this
 * bounds the worker's copy to a few MB. (At 50, an agent cycling through 51 tickets missed every time.)
 */
const RECENT_CONTEXTS = 200;

/**
 * What the background keeps in memory between events, so the warm path does not wait on `storage` or
 * IndexedDB (each round trip there cost 5–30 ms on a busy 2-core machine). Everything here is a copy of
 * what this worker wrote itself (the background is the only writer of these) or read before; MV3 stops
 * the worker at any moment, and a new one starts empty and reads again.
 */
export const workerMemory = {
  settings: null as Promise<Settings> | null,
  cacheOwner: null as string | null,
  detections: new Map<number, TabDetection>(),
  /** Least recently used first (a read re-inserts). */
  contexts: new Map<string, CachedContext>(),
  /** The outbox's sender: the drain under way, whether to go round again, the timer for the next one. */
  outbox: {
    draining: null as Promise<void> | null,
    again: false,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  },
};

export function rememberContext(entry: CachedContext): void {
  workerMemory.contexts.delete(entry.key);
  workerMemory.contexts.set(entry.key, entry);
  for (const key of workerMemory.contexts.keys()) {
    if (workerMemory.contexts.size <= RECENT_CONTEXTS) break;
    workerMemory.contexts.delete(key);
  }
}

/** As a newly started worker: nothing in memory. */
export function forgetWorkerMemory(): void {
  workerMemory.settings = null;
  workerMemory.cacheOwner = null;
  workerMemory.detections.clear();
  workerMemory.contexts.clear();
  clearTimeout(workerMemory.outbox.timer);
  workerMemory.outbox = { draining: null, again: false, timer: undefined };
}
