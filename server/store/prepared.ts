import type { CompiledQuery, Kysely } from 'kysely';
import type pg from 'pg';

const pools = new WeakMap<Kysely<any>, pg.Pool>();

/** Marks a PostgreSQL-backed Kysely instance whose hot statements may run as named prepared statements. */
export function allowPreparedStatements(db: Kysely<any>, pool: pg.Pool): void {
  pools.set(db, pool);
}

/**
 * Runs a statement that is executed thousands of times a second (the lookup, the token check) as a named
 * prepared statement on PostgreSQL, so each connection plans it once instead of on every call; planning
 * the lookup's statement costs about as much as running it. `name` must stand for exactly one SQL text.
 * Elsewhere (PGlite, which runs in this process anyway) it is an ordinary query.
 */
export async function runPrepared<R>(db: Kysely<any>, name: string, query: CompiledQuery<R>): Promise<R[]> {
  const pool = pools.get(db);
  if (!pool) return (await db.executeQuery(query)).rows;
  const result = await pool.query({ name, text: query.sql, values: query.parameters as unknown[] });
  return result.rows as R[];
}
