import type { Kysely } from 'kysely';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import { withIdentityLock } from './identity-lock.ts';
import { resolveScope } from './resolve-scope.ts';

/**
 * Rebuilds account and person entities from the synced records with the exact rules and the decisions in
 * force (flags stay split, merges stay merged), writes only what changed with a history event per move,
 * then points every activity record (tickets, memberships, events…) at the entities of the records it
 * refers to.
 */
export async function rebuildEntities(db: Kysely<Database>, config: SidelightConfig): Promise<{ accounts: number; people: number; durationMs: number }> {
  const started = performance.now();
  const result = await withIdentityLock(db, (trx) => resolveScope(trx, config, { actor: 'system' }));
  return { accounts: result.accounts, people: result.people, durationMs: Math.round(performance.now() - started) };
}
