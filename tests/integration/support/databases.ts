import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../../server/store/open.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh PostgreSQL database for one test file, so runs never collide; dropped by `drop()`. */
export async function createTestDatabase(prefix = 'sidelight_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestStore {
  store: Store;
  dataDir: string;
  cleanup(): Promise<void>;
}

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

/** The same store on either engine: embedded PGlite in a temp folder, or a fresh database on the server. */
export async function openTestStore(engine: Engine): Promise<TestStore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-store-'));
  if (engine === 'pglite') {
    const store = await openStore({ dataDir });
    return {
      store,
      dataDir,
      async cleanup() {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = await createTestDatabase();
  const store = await openStore({ databaseUrl: database.url, dataDir });
  return {
    store,
    dataDir,
    async cleanup() {
      await store.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** A fresh MariaDB/MySQL database for one test file; `query` runs statements in it. */
export async function createMysqlDatabase(prefix = 'sidelight_src'): Promise<{ url: string; query(sql: string): Promise<unknown>; drop(): Promise<void> }> {
  const mysql = (await import('mysql2/promise')).default;
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: TEST_MYSQL_URL, multipleStatements: true });
  await admin.query(`create database ${name}`);
  const url = new URL(TEST_MYSQL_URL);
  url.pathname = `/${name}`;
  const conn = await mysql.createConnection({ uri: url.toString(), multipleStatements: true, timezone: 'Z' });
  return {
    url: url.toString(),
    query: (sql) => conn.query(sql),
    async drop() {
      await conn.end();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}
