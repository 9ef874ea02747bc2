import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { TokenInfo } from './tokens.ts';

const FLUSH_MS = 60_000;
const pending = new WeakMap<Kysely<Database>, Map<string, { requests: number; flushedAt: number }>>();

/**
 * Audits token use without a write per request: the first use of a token (per process) is written at
 * once, later ones are counted and written at most once a minute with the count, along with `last_used_at`.
 */
export function noteTokenUse(db: Kysely<Database>, caller: TokenInfo, now = Date.now()): void {
  let uses = pending.get(db);
  if (!uses) pending.set(db, (uses = new Map()));
  const entry = uses.get(caller.id);
  if (entry && now - entry.flushedAt < FLUSH_MS) {
    entry.requests++;
    return;
  }
  const requests = (entry?.requests ?? 0) + 1;
  uses.set(caller.id, { requests: 0, flushedAt: now });
  void db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('audit_log').values({ actor: caller.name, action: 'token.used', subject: caller.id, detail: JSON.stringify({ requests }) }).execute();
      await trx.updateTable('tokens').set({ last_used_at: new Date(now) }).where('id', '=', caller.id).execute();
    })
    .catch((error: unknown) => console.error(`could not audit the use of token ${caller.id}:`, error));
}
