import { cursorOf, sqlMax, sqlSince, type CursorValue } from './cursor.ts';
import type { ModelConfig } from '../config/schema.ts';
import type { ReadOptions, SourceRow } from './types.ts';

/** The one query method both `pg` and PGlite offer, enough to page through a cursor. */
export type QueryFn = (text: string) => Promise<{ rows: SourceRow[] }>;

/** A cursor value as a PostgreSQL literal (standard_conforming_strings: quotes are doubled, nothing else). */
export function postgresLiteral(cursor: CursorValue): string {
  const quoted = `'${cursor.value.replaceAll("'", "''")}'`;
  if (cursor.type === 'date') return `${quoted}::timestamptz`;
  if (cursor.type === 'number') return `${quoted}::numeric`;
  return quoted;
}

export function postgresModelSql(model: ModelConfig, since: ReadOptions['since']): string {
  return since ? sqlSince(model.sql!, since.column, postgresLiteral(since.value), '"') : model.sql!;
}

export async function postgresMaxCursor(query: QueryFn, model: ModelConfig, column: string): Promise<CursorValue | null> {
  const { rows } = await query(sqlMax(model.sql!, column, '"'));
  return cursorOf(rows[0]?.max_cursor);
}

/**
 * Streams a model's SQL through a server-side cursor in a read-only transaction, so memory stays bounded
 * whatever the table size, with the same code on PostgreSQL and PGlite.
 */
export async function* readWithCursor(
  query: QueryFn,
  sql: string,
  options: { batchSize: number; timeoutSeconds: number; signal?: AbortSignal | undefined },
): AsyncIterable<SourceRow[]> {
  const statement = sql.trim().replace(/;\s*$/, '');
  await query('begin transaction read only');
  let open = true;
  try {
    await query(`set local statement_timeout = ${Math.round(options.timeoutSeconds * 1000)}`);
    await query(`declare sidelight_model no scroll cursor for ${statement}`);
    for (;;) {
      options.signal?.throwIfAborted();
      const { rows } = await query(`fetch ${options.batchSize} from sidelight_model`);
      if (rows.length === 0) break;
      yield rows;
      if (rows.length < options.batchSize) break;
    }
    await query('commit');
    open = false;
  } finally {
    if (open) await query('rollback').catch(() => undefined);
  }
}
