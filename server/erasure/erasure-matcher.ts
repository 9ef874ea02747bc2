import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { erasureKeys, loadErasureSecret, type ErasureKeys } from './erasure-digests.ts';

/** Any constant: syncs hold it shared for their transaction, an erasure exclusively. */
const ERASURE_LOCK = 5_170_417;

/** Tells whether a value belongs to an erased person, by its keyed digest. */
export interface ErasureMatcher {
  keys: ErasureKeys;
  isEmail(value: unknown): boolean;
  isRecord(source: string, sourceId: unknown): boolean;
}

export function erasureMatcher(keys: ErasureKeys, digests: ReadonlySet<string>): ErasureMatcher {
  const known = (digest: string | null) => digest !== null && digests.has(digest);
  // A digest costs ~2 µs. Activity repeats its people (a million events, a few thousand users): remember
  // answers by id. A row's address is tested a few times in a row (its column, its raw and parsed text):
  // remember the last few, without a map that every unique address would churn.
  const answers = new Map<string, boolean>();
  const isRecord = (source: string, id: string) => {
    const key = `${source}|${id}`;
    let erased = answers.get(key);
    if (erased === undefined) {
      if (answers.size >= 10_000) answers.clear();
      answers.set(key, (erased = known(keys.record(source, id))));
    }
    return erased;
  };
  const recent: [string, boolean][] = [];
  const isEmail = (value: string) => {
    for (const [seen, erased] of recent) if (seen === value) return erased;
    const erased = known(keys.email(value));
    if (recent.unshift([value, erased]) > 4) recent.pop();
    return erased;
  };
  return {
    keys,
    isEmail: (value) => typeof value === 'string' && value.includes('@') && isEmail(value),
    isRecord: (source, sourceId) => (typeof sourceId === 'string' || typeof sourceId === 'number' || typeof sourceId === 'bigint') && isRecord(source, String(sourceId)),
  };
}

/**
 * The erasures a sync must apply, read under a shared lock held to the end of the sync's transaction: an
 * erasure (which takes the lock exclusively) waits for syncs under way to commit and then removes what they
 * wrote, and a sync that starts later sees it. Null when nothing was ever erased: the common case costs
 * one query.
 */
export async function loadErasuresForSync(trx: Kysely<Database>): Promise<ErasureMatcher | null> {
  await sql`select pg_advisory_xact_lock_shared(${ERASURE_LOCK})`.execute(trx);
  const secret = await loadErasureSecret(trx, { create: false });
  if (!secret) return null;
  const rows = await trx.selectFrom('erased_values').select('digest').execute();
  return rows.length === 0 ? null : erasureMatcher(erasureKeys(secret), new Set(rows.map((r) => r.digest)));
}

/** Taken by an erasure for its whole transaction: no sync writes meanwhile. */
export async function lockErasures(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ERASURE_LOCK})`.execute(trx);
}
