import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { STORE_TABLES } from './tables.ts';

type TableSpec = (typeof STORE_TABLES)[number];

/** One row as portable JSON text: dates as ISO strings, keys in column order. */
export const rowText = (row: Record<string, unknown>) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v));

/** Pages through a table in key order (keyset pagination: each page starts after the last key seen). */
export async function* readTable(db: Kysely<Database>, table: TableSpec, pageSize = 5000): AsyncIterable<Record<string, unknown>[]> {
  const keys = sql.join(table.key.map((k) => sql.ref(k)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`where (${keys}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
    const result: { rows: Record<string, unknown>[] } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)} ${where} order by ${keys} limit ${pageSize}`.execute(db);
    const rows = result.rows;
    if (rows.length === 0) return;
    yield rows;
    const last: Record<string, unknown> = rows[rows.length - 1]!;
    after = table.key.map((k) => last[k]);
    if (rows.length < pageSize) return;
  }
}

/** Row count and a SHA-256 over the rows in key order: equal on both sides means the same data. */
export async function tableChecksum(db: Kysely<Database>, table: TableSpec): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of readTable(db, table)) {
    for (const row of page) {
      hash.update(rowText(row));
      hash.update('\n');
      rows += 1;
    }
  }
  return { rows, sha256: hash.digest('hex') };
}
