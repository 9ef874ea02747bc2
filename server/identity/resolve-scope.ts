import type { Kysely } from 'kysely';
import { IdentityConfig, type SidelightConfig } from '../config/schema.ts';
import type { Database, PriorLink } from '../store/schema.ts';
import { findProbablePairs } from './find-probable-pairs.ts';
import { stageTimer } from './fuzzy/stage-timer.ts';
import { compileBlocklist } from './junk-values.ts';
import { loadConstraints } from './load-constraints.ts';
import { loadIdentityRecords } from './load-identity-records.ts';
import { nameEntities } from './name-entities.ts';
import { openUncertainReviews } from './open-uncertain-reviews.ts';
import { pointActivityRecords } from './point-activity.ts';
import type { ResolvedLink } from './resolve-exact.ts';
import { resolveIdentity, type IdentityResolution } from './resolve-identity.ts';
import { loadStoredProbable, storedProbablePairs } from './stored-probable-links.ts';
import { writeResolution, type WriteResult } from './write-resolution.ts';

export interface ScopeResult extends WriteResult {
  links: ResolvedLink[];
  accounts: number;
  people: number;
  /** Milliseconds per stage (load, resolve, name, write, reviews, point). */
  timings: Record<string, number>;
  probable: IdentityResolution['probable'];
  refused: IdentityResolution['refused'];
  reviews: { opened: number; waiting: number };
}

/**
 * Resolves records with the decisions in force and writes what changed: every account and person record
 * (a rebuild: deterministic rules, then the probabilistic pass, then uncertain pairs to the review queue),
 * or whole entities (`recordIds` holds all their members: a flag, an undo, a decision), which runs the same
 * rules on fewer records and keeps their probable links as they stand. Runs inside the identity lock's
 * transaction.
 */
export async function resolveScope(
  trx: Kysely<Database>,
  config: SidelightConfig,
  options: { recordIds?: readonly number[]; actor: string; restore?: ReadonlyMap<number, PriorLink>; earlier?: ReadonlyMap<number, readonly PriorLink[]> },
): Promise<ScopeResult> {
  const { timings, lap } = stageTimer();
  const full = !options.recordIds;
  // A config built by hand (not parsed) has no defaults filled in.
  const identity = config.identity ?? IdentityConfig.parse({});
  const { rows, records } = await loadIdentityRecords(trx, config, options.recordIds);
  const constraints = await loadConstraints(trx);
  const stored = full ? new Map() : await loadStoredProbable(trx, options.recordIds!, options.restore);
  lap('load');
  const resolution = resolveIdentity(records, constraints, {
    maxRecordsPerEntity: identity.maxRecordsPerEntity,
    blocklist: compileBlocklist(identity.blocklist),
    ...(full && identity.probabilistic ? { findProbable: (state, kind) => findProbablePairs(state, kind, identity.thresholds) } : {}),
    ...(full ? {} : { storedProbable: (state) => storedProbablePairs(state, stored) }),
  });
  const { links } = resolution;
  lap('resolve');
  const entities = nameEntities(config, rows, links);
  lap('name');
  const written = await writeResolution(trx, rows, links, entities, {
    scope: full ? 'all' : 'records',
    actor: options.actor,
    ...(options.restore ? { restore: options.restore } : {}),
    ...(options.earlier ? { earlier: options.earlier } : {}),
    report: { refused: resolution.refused.counts, probable: probableCounts(resolution) },
  });
  lap('write');
  const reviews = full ? await openUncertainReviews(trx, config, resolution.uncertain, records, links) : { opened: 0, waiting: 0 };
  lap('reviews');
  if (full) await pointActivityRecords(trx);
  else if (written.changedRecordIds.length > 0) await pointActivityRecords(trx, { recordIds: written.changedRecordIds, entityIds: written.touchedEntityIds });
  lap('point');
  return {
    ...written,
    links,
    accounts: entities.filter((e) => e.kind === 'account').length,
    people: entities.filter((e) => e.kind === 'person').length,
    timings,
    probable: resolution.probable,
    refused: resolution.refused,
    reviews,
  };
}

const probableCounts = (resolution: IdentityResolution) =>
  Object.fromEntries(Object.entries(resolution.probable).map(([kind, s]) => [kind, { candidatePairs: s.candidatePairs, aboveAuto: s.aboveAuto, betweenThresholds: s.betweenThresholds }]));
