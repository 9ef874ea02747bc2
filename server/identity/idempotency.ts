import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/** A stored response is honoured at least this long (the extension's outbox retries for days, not weeks). */
export const IDEMPOTENCY_RETENTION_DAYS = 30;

/** JSON with keys in a fixed order, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const requestHash = (route: string, body: unknown): string => createHash('sha256').update(`${route}\n${canonical(body)}`).digest('hex');

export type Replay = { kind: 'replay'; status: number; body: unknown } | { kind: 'mismatch' } | { kind: 'new' };

/**
 * What an earlier request with this key says: its response to replay, a different request under the same
 * key, or nothing. Call inside the identity lock so a concurrent retry waits for the first to commit.
 */
export async function findIdempotent(trx: Kysely<Database>, tokenId: string, key: string, hash: string): Promise<Replay> {
  const row = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'body'])
    .where('token_id', '=', tokenId)
    .where('key', '=', key)
    .where('created_at', '>=', sql<Date>`now() - make_interval(days => ${IDEMPOTENCY_RETENTION_DAYS})`)
    .executeTakeFirst();
  if (!row) return { kind: 'new' };
  return row.request_hash === hash ? { kind: 'replay', status: row.status, body: row.body } : { kind: 'mismatch' };
}

/** Keeps a successful response for replay; expired keys are dropped on the way. */
export async function storeIdempotent(trx: Kysely<Database>, entry: { tokenId: string; key: string; hash: string; status: number; body: unknown }): Promise<void> {
  await trx.deleteFrom('idempotency_keys').where('created_at', '<', sql<Date>`now() - make_interval(days => ${IDEMPOTENCY_RETENTION_DAYS})`).execute();
  await trx
    .insertInto('idempotency_keys')
    .values({ token_id: entry.tokenId, key: entry.key, request_hash: entry.hash, status: entry.status, body: JSON.stringify(entry.body) })
    .onConflict((oc) => oc.columns(['token_id', 'key']).doUpdateSet((eb) => ({ request_hash: eb.ref('excluded.request_hash'), status: eb.ref('excluded.status'), body: eb.ref('excluded.body'), created_at: sql`now()` })))
    .execute();
}
