import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireLock } from './lock.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import { allowPreparedStatements } from './prepared.ts';

export type Engine = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** The data folder (embedded) or a password-free description of the server. */
  location: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL server URL; when absent the embedded PGlite store in dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export function defaultDataDir(): string {
  return path.resolve(process.env.SIDELIGHT_DATA_DIR ?? '.sidelight/data');
}

const INT8_OID = 20;

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const store = options.databaseUrl ? openPostgres(options.databaseUrl) : await openPGlite(options.dataDir ?? defaultDataDir());
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.SIDELIGHT_PG_POOL ?? 10),
    // Our ids fit in 2^53; numbers are easier to carry than strings.
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format as 'text')) },
  });
  // An idle connection the server closes (a restart, a dropped database) must not crash the process:
  // node-postgres emits it on the pool, and the next query simply opens a new connection.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  allowPreparedStatements(db, pool);
  const where = new URL(url);
  where.password = '';
  return { db, engine: 'postgres', location: where.toString(), close: () => db.destroy() };
}

async function openPGlite(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const release = acquireLock(dataDir);
  try {
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'), {
      extensions: { pg_trgm, fuzzystrmatch },
      parsers: { [INT8_OID]: Number },
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    let closed = false;
    return {
      db,
      engine: 'pglite',
      location: dataDir,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await db.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
