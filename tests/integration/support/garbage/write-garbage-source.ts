import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import pg from 'pg';
import { COLUMNS, type Cell, type GarbageRow } from './garbage-rows.ts';

/** What a run must do with each row: store it (with this id and note) or quarantine it with this reason. */
export interface Expectation {
  id: string | null;
  note: string | null;
  reason: string | null;
}

function expectationOf(row: GarbageRow): Expectation {
  const text = (cell: Cell | undefined) => (typeof cell === 'string' ? cell : null);
  return { id: row.reason ? null : text(row.cells.id)!.trim(), note: row.reason ? null : text(row.cells.note), reason: row.reason };
}

/**
 * Loads the rows into `garbage.subscriptions (n, doc jsonb)` of a PostgreSQL database; a model reads each
 * field as `doc->'field'`, so wrong types arrive as what they are (objects, arrays, booleans, numbers).
 */
export async function loadGarbageIntoPostgres(url: string, rows: Iterable<GarbageRow>): Promise<Map<number, Expectation>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const expected = new Map<number, Expectation>();
  try {
    await client.query('create schema if not exists garbage; create table garbage.subscriptions (n int primary key, doc jsonb not null)');
    let chunk: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await client.query(`insert into garbage.subscriptions (n, doc) select (x->>'n')::int, x from jsonb_array_elements($1::jsonb) as x`, [`[${chunk.join(',')}]`]);
      chunk = [];
      bytes = 0;
    };
    for (const row of rows) {
      expected.set(row.n, expectationOf(row));
      const json = JSON.stringify(row.cells);
      chunk.push(json);
      bytes += json.length;
      if (chunk.length >= 5000 || bytes > 8_000_000) await flush();
    }
    await flush();
  } finally {
    await client.end();
  }
  return expected;
}

/** The model's SQL over that table. */
export const GARBAGE_SQL = `select ${COLUMNS.map((c) => `doc->'${c}' as ${c}`).join(', ')} from garbage.subscriptions order by n`;

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Writes the rows as a CSV file of raw bytes, so a cell can hold invalid UTF-8 or a NUL byte. */
export async function writeGarbageCsv(file: string, rows: Iterable<GarbageRow>): Promise<Map<number, Expectation>> {
  const out = createWriteStream(file);
  const expected = new Map<number, Expectation>();
  const write = async (chunk: Buffer | string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`${COLUMNS.join(',')}\n`);
  for (const row of rows) {
    expected.set(row.n, expectationOf(row));
    const cells = COLUMNS.map((column) => {
      const cell = row.cells[column];
      if (Buffer.isBuffer(cell)) return Buffer.concat([Buffer.from('"'), cell, Buffer.from('"')]);
      return Buffer.from(cell === null || cell === undefined ? '' : quote(String(cell)));
    });
    await write(Buffer.concat([...cells.flatMap((cell, i) => (i === 0 ? [cell] : [Buffer.from(','), cell])), Buffer.from('\n')]));
  }
  out.end();
  await once(out, 'finish');
  return expected;
}
