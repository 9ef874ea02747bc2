import type { Kysely } from 'kysely';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import { withIdentityLock } from './identity-lock.ts';
import { resolveScope, type ScopeResult } from './resolve-scope.ts';

export interface RebuildResult extends Pick<ScopeResult, 'timings' | 'probable' | 'refused' | 'reviews'> {
  accounts: number;
  people: number;
  durationMs: number;
}

/**
 * Rebuilds account and person entities from the synced records: the deterministic rules, then probable
 * matches (linked above the auto threshold, queued for review between the thresholds), with the decisions
 * in force (flags stay split, merges stay merged); writes only what changed with a history event per move,
 * then points every activity record (tickets, memberships, events…) at the entities of the records it
 * refers to.
 */
export async function rebuildEntities(db: Kysely<Database>, config: SidelightConfig): Promise<RebuildResult> {
  const started = performance.now();
  const result = await withIdentityLock(db, (trx) => resolveScope(trx, config, { actor: 'system' }));
  return {
    accounts: result.accounts,
    people: result.people,
    durationMs: Math.round(performance.now() - started),
    timings: result.timings,
    probable: result.probable,
    refused: result.refused,
    reviews: result.reviews,
  };
}
