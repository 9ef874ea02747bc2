import type { Kysely } from 'kysely';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database, PriorLink } from '../store/schema.ts';
import { loadConstraints } from './load-constraints.ts';
import { loadIdentityRecords } from './load-identity-records.ts';
import { nameEntities } from './name-entities.ts';
import { pointActivityRecords } from './point-activity.ts';
import { resolveExact, type ResolvedLink } from './resolve-exact.ts';
import { writeResolution, type WriteResult } from './write-resolution.ts';

export interface ScopeResult extends WriteResult {
  links: ResolvedLink[];
  accounts: number;
  people: number;
}

/**
 * Resolves records with the decisions in force and writes what changed: every account and person record
 * (a rebuild), or whole entities (`recordIds` holds all their members: a flag, an undo, a decision), which
 * is the same computation on fewer records. Runs inside the identity lock's transaction.
 */
export async function resolveScope(
  trx: Kysely<Database>,
  config: SidelightConfig,
  options: { recordIds?: readonly number[]; actor: string; restore?: ReadonlyMap<number, PriorLink> },
): Promise<ScopeResult> {
  const { rows, records } = await loadIdentityRecords(trx, config, options.recordIds);
  const links = resolveExact(records, await loadConstraints(trx));
  const entities = nameEntities(config, rows, links);
  const written = await writeResolution(trx, rows, links, entities, {
    scope: options.recordIds ? 'records' : 'all',
    actor: options.actor,
    ...(options.restore ? { restore: options.restore } : {}),
  });
  if (!options.recordIds) await pointActivityRecords(trx);
  else if (written.changedRecordIds.length > 0) await pointActivityRecords(trx, { recordIds: written.changedRecordIds, entityIds: written.touchedEntityIds });
  return {
    ...written,
    links,
    accounts: entities.filter((e) => e.kind === 'account').length,
    people: entities.filter((e) => e.kind === 'person').length,
  };
}
