import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import type { Context } from '../contract/lookup.ts';

/** One context as the backend last confirmed it, for one (backend, host, identifiers) question. */
export interface CachedContext {
  /** `contextCacheKey(...)`: the backend URL, the host and the normalised identifiers. */
  key: string;
  context: Context;
  /** `context.version`, sent back as `ifVersion` so an unchanged context costs no body. */
  version: string;
  /** When the backend last sent or confirmed this context (ms since the epoch). */
  fetchedAt: number;
  /** When a sidebar last read it: the least recently used entries are evicted first. */
  usedAt: number;
}

export type SidelightDb = Dexie & {
  contexts: EntityTable<CachedContext, 'key'>;
};

/**
 * The extension's IndexedDB, in the extension origin (the background and our own pages share it; a
 * content script would open the host page's origin instead, so it never does).
 *
 * Versions are append-only: never edit a shipped `version(n)`, add `version(n + 1)` with its upgrade.
 */
export function openSidelightDb(name = 'sidelight'): SidelightDb {
  const db = new Dexie(name) as SidelightDb;
  db.version(1).stores({
    contexts: '&key, usedAt, fetchedAt',
  });
  return db;
}

export const db = openSidelightDb();
