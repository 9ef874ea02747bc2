import path from 'node:path';
import { existsSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { ModelConfig, SourceConfig } from '../config/schema.ts';
import { acquireLock } from '../store/lock.ts';
import { postgresMaxCursor, postgresModelSql, readWithCursor, type QueryFn } from './sql-cursor.ts';
import { queryFailure } from './query-failure.ts';
import { SourceError, type SourceConnection, type SourceRow } from './types.ts';

type PGliteSourceConfig = Extract<SourceConfig, { type: 'pglite' }>;

interface SharedFolder {
  pglite: Promise<PGlite>;
  users: number;
  release: () => void;
  /** PGlite runs one query at a time: models reading the same folder take turns. */
  queue: Promise<unknown>;
}

// Several sources (the demo's CRM, billing, product and help desk) may live in one folder, which only one
// PGlite instance may open: share it and close it when the last source lets go.
const folders = new Map<string, SharedFolder>();

export function connectPGlite(name: string, config: PGliteSourceConfig, baseDir = process.cwd()): SourceConnection {
  const dataDir = path.resolve(baseDir, config.dataDir);
  let folder: SharedFolder | undefined;
  const acquire = (): SharedFolder => {
    if (folder) return folder;
    let shared = folders.get(dataDir);
    if (!shared) {
      if (!existsSync(dataDir)) throw new SourceError(name, `no PGlite database at ${dataDir}`);
      const release = acquireLock(dataDir);
      shared = { pglite: PGlite.create(dataDir), users: 0, release, queue: Promise.resolve() };
      folders.set(dataDir, shared);
    }
    shared.users += 1;
    folder = shared;
    return shared;
  };
  const open = async (): Promise<PGlite> => {
    try {
      return await acquire().pglite;
    } catch (error) {
      throw new SourceError(name, `cannot open ${dataDir}: ${(error as Error).message}`, { cause: error });
    }
  };
  /** Waits for the folder's other readers; the returned function hands the turn on. */
  const takeTurn = async (): Promise<() => void> => {
    const shared = acquire();
    const previous = shared.queue;
    let done!: () => void;
    shared.queue = new Promise<void>((resolve) => (done = resolve));
    await previous.catch(() => undefined);
    return done;
  };
  const wrap = (model: ModelConfig, error: unknown) =>
    error instanceof SourceError ? error : new SourceError(name, `model "${model.name}": ${queryFailure(error, config.timeoutSeconds)}`, { cause: error });
  return {
    name,
    config,
    async *readBatches(model: ModelConfig, options) {
      const pglite = await open();
      const done = await takeTurn();
      try {
        const query: QueryFn = async (text) => ({ rows: (await pglite.query<SourceRow>(text)).rows });
        yield* readWithCursor(query, postgresModelSql(model, options.since), { ...options, timeoutSeconds: config.timeoutSeconds });
      } catch (error) {
        throw wrap(model, error);
      } finally {
        done();
      }
    },
    async maxCursor(model: ModelConfig, column: string) {
      const pglite = await open();
      const done = await takeTurn();
      try {
        return await postgresMaxCursor(async (text) => ({ rows: (await pglite.query<SourceRow>(text)).rows }), model, column);
      } catch (error) {
        throw wrap(model, error);
      } finally {
        done();
      }
    },
    async close() {
      if (!folder) return;
      const shared = folder;
      folder = undefined;
      shared.users -= 1;
      if (shared.users > 0) return;
      folders.delete(dataDir);
      try {
        const pglite = await shared.pglite;
        await shared.queue.catch(() => undefined);
        await pglite.close();
      } catch {
        // a folder that never opened has nothing to close
      } finally {
        shared.release();
      }
    },
  };
}
