import { mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Row } from './company.ts';
import { copyTextLines } from './copy-text.ts';
import { DATABASE_TABLES, type DatabaseTable } from './tables.ts';

export type DemoTarget = { type: 'pglite'; dataDir: string } | { type: 'postgres'; url: string };

/** Where the demo's source databases are written: statements, and a bulk load of a table's rows in chunks. */
export type SeedTarget = {
  exec(sql: string): Promise<void>;
  /** Loads chunks of rows into a table; returns how many rows went in. */
  load(table: DatabaseTable, chunks: Iterable<Row[]>): Promise<number>;
  close(): Promise<void>;
};

export async function openSeedTarget(target: DemoTarget): Promise<SeedTarget> {
  if (target.type === 'pglite') {
    await mkdir(target.dataDir, { recursive: true });
    const db = new PGlite(target.dataDir);
    await db.waitReady;
    return { exec: async (sql) => void (await db.exec(sql)), load: (table, chunks) => loadAsJson(db, table, chunks), close: () => db.close() };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return { exec: async (sql) => void (await client.query(sql)), load: (table, chunks) => loadWithCopy(client, table, chunks), close: () => client.end() };
}

/**
 * PGlite: one JSON parameter per chunk, expanded by jsonb_populate_recordset, which is as fast as PGlite's
 * COPY from a blob once the CSV encoding is counted.
 */
async function loadAsJson(db: PGlite, table: DatabaseTable, chunks: Iterable<Row[]>): Promise<number> {
  const columns = DATABASE_TABLES[table].map(([name]) => name).join(', ');
  let count = 0;
  for (const rows of chunks) {
    await db.query(`insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
    count += rows.length;
  }
  return count;
}

/**
 * A PostgreSQL server: `COPY ... FROM STDIN` in text format, through pg-copy-streams (node-postgres has no
 * COPY of its own; this is its companion package). The chunks are drawn as the server takes them, so a
 * 10M-row table never sits in memory, and the server parses while the generator draws the next chunk.
 */
async function loadWithCopy(client: pg.Client, table: DatabaseTable, chunks: Iterable<Row[]>): Promise<number> {
  const columns = DATABASE_TABLES[table];
  let count = 0;
  function* lines() {
    for (const rows of chunks) {
      count += rows.length;
      yield copyTextLines(rows, columns);
    }
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`copy ${table} (${columns.map(([name]) => name).join(', ')}) from stdin`)));
  return count;
}
