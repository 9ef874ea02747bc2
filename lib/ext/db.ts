import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import type { Context } from '../contract/lookup.ts';
import type { OutboxItem } from '../contract/outbox.ts';

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

/** A flag or an undo as the outbox keeps it; `held` is not stored but worked out against the settings. */
export type OutboxEntry = Omit<OutboxItem, 'held'> & {
  /** `cacheOwnerOf(settings)` when it was made: a digest of the backend URL and the token, never the token. */
  owner: string;
};

export type SidelightDb = Dexie & {
  contexts: EntityTable<CachedContext, 'key'>;
  outbox: EntityTable<OutboxEntry, 'id'>;
};

export interface OpenOptions {
  /**
   * Chromium's commit durability for every transaction of this connection (Dexie sets it per connection,
   * not per transaction): `strict` waits until the write is on disk.
   */
  durability?: 'default' | 'strict' | 'relaxed';
}

/**
 * The extension's IndexedDB, in the extension origin (the background and our own pages share it; a
 * content script would open the host page's origin instead, so it never does).
 *
 * Versions are append-only: never edit a shipped `version(n)`, add `version(n + 1)` with its upgrade.
 */
export function openSidelightDb(name = 'sidelight', { durability }: OpenOptions = {}): SidelightDb {
  const db = new Dexie(name, durability ? { chromeTransactionDurability: durability } : {}) as SidelightDb;
  db.version(1).stores({
    contexts: '&key, usedAt, fetchedAt',
  });
  db.version(2).stores({
    outbox: '&id, state, createdAt',
  });
  return db;
}

/** The context cache's connection: the browser's default durability (a lost cache entry is fetched again). */
export const db = openSidelightDb();

/**
 * The outbox's connection to the same database, with strict durability: a flag the user was shown as
 * recorded must survive a crash or power loss right after, since nothing else remembers it.
 */
export const outboxDb = openSidelightDb('sidelight', { durability: 'strict' });
