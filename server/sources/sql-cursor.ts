import type { SourceRow } from './types.ts';

/** The one query method both `pg` and PGlite offer, enough to page through a cursor. */
export type QueryFn = (text: string) => Promise<{ rows: SourceRow[] }>;

/**
 * Streams a model's SQL through a server-side cursor in a read-only transaction, so memory stays bounded
 * whatever the table size, with the same code on PostgreSQL and PGlite.
 */
export async function* readWithCursor(
  query: QueryFn,
  sql: string,
  options: { batchSize: number; timeoutSeconds: number; signal?: AbortSignal },
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
