import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';

/** Any constant: the transaction-scoped advisory lock every identity write takes. */
const IDENTITY_LOCK = 5_170_401;

/**
 * Runs identity writes (a rebuild, a flag, an undo, a decision) one at a time, on PGlite and on a
 * PostgreSQL shared by several servers: a rebuild that read the constraints before a flag committed
 * would otherwise write the flagged record straight back.
 */
export async function withIdentityLock<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${IDENTITY_LOCK})`.execute(trx);
    return work(trx);
  });
}
