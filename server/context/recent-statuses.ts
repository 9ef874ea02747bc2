import type { Kysely } from 'kysely';
import type { ModelStatus } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { modelStatuses } from '../models/status.ts';
import type { Database } from '../store/schema.ts';

const MAX_AGE_MS = 1000;
const recent = new WeakMap<Kysely<Database>, { at: number; config: SidelightConfig; statuses: Promise<ModelStatus[]> }>();

/**
 * Model statuses at most a second old: every lookup needs them for its freshness, and they change only
 * when a run ends. A second of lag is invisible next to freshness targets counted in minutes.
 */
export function recentModelStatuses(db: Kysely<Database>, config: SidelightConfig): Promise<ModelStatus[]> {
  const now = Date.now();
  const hit = recent.get(db);
  if (hit && hit.config === config && now - hit.at < MAX_AGE_MS) return hit.statuses;
  const statuses = modelStatuses(db, config, now);
  recent.set(db, { at: now, config, statuses });
  statuses.catch(() => recent.delete(db));
  return statuses;
}

/** A run just ended in this process: the next lookup reads the statuses afresh instead of up to a second late. */
export function forgetRecentStatuses(db: Kysely<Database>): void {
  recent.delete(db);
}
