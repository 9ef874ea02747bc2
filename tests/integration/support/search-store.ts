import { sql, type Kysely } from 'kysely';

export interface StoreHit {
  table: string;
  needle: string;
  row: string;
}

/**
 * Every row of every table in the store (whatever migrations made them, read from information_schema),
 * cast whole to text, that contains one of the needles, ignoring case: a search that cannot miss a column.
 */
export async function searchStore(db: Kysely<any>, needles: readonly string[]): Promise<StoreHit[]> {
  const lowered = needles.map((n) => n.toLowerCase());
  const { rows: tables } = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const hits: StoreHit[] = [];
  for (const { table_name: table } of tables) {
    const { rows } = await sql<{ row: string }>`select lower(t::text) as row from ${sql.table(table)} t
      where ${sql.join(lowered.map((n) => sql`strpos(lower(t::text), ${n}) > 0`), sql` or `)}`.execute(db);
    for (const { row } of rows) for (const needle of lowered) if (row.includes(needle)) hits.push({ table, needle, row: row.slice(0, 400) });
  }
  return hits;
}

/** How many tables the search read: the proof that it looked everywhere. */
export async function storeTables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.table_name);
}
