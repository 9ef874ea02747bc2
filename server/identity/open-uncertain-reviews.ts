import type { Kysely } from 'kysely';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import type { ResolvedLink } from './finish-resolution.ts';
import { recordKey } from './record-keys.ts';
import type { IdentityRecord } from './resolution-state.ts';
import type { UncertainPair } from './resolve-identity.ts';
import { openUncertainReview } from './review-items.ts';

/**
 * A review queue a person can work through: at most this many new items a run, strongest first; the rest
 * are found again by the next run (nothing about them is lost, they wait).
 */
export const MAX_NEW_REVIEWS_PER_RUN = 500;

const pairKey = (kind: string, keys: readonly string[]) => `${kind}|${[...keys].sort().join('\u0000')}`;

/**
 * Opens an uncertain review item for each pair a full rebuild could not decide, once per pair of records:
 * a pair with any item (open or decided) is not queued again. A decided item leaves a decision the next
 * runs honour (merge: a must-link, reject: a must-not-link), so the pair is no longer uncertain anyway.
 */
export async function openUncertainReviews(
  trx: Kysely<Database>,
  config: SidelightConfig,
  uncertain: readonly UncertainPair[],
  records: readonly IdentityRecord[],
  links: readonly ResolvedLink[],
): Promise<{ opened: number; waiting: number }> {
  if (uncertain.length === 0) return { opened: 0, waiting: 0 };
  const items = await trx.selectFrom('review_items').select(['entity_kind', 'records']).where('kind', '=', 'uncertain').execute();
  const known = new Set(items.map((item) => pairKey(item.entity_kind, item.records.map((r) => recordKey(r.source, r.sourceId)))));
  const ref = (i: number) => ({ source: records[i]!.source, sourceId: records[i]!.sourceId });
  const fresh = uncertain.filter((u) => !known.has(pairKey(u.entityKind, [ref(u.a), ref(u.b)].map((r) => recordKey(r.source, r.sourceId)))));
  // Domain conflicts (no score) first, then the likeliest matches; record order breaks ties.
  fresh.sort((x, y) => (y.score ?? 2) - (x.score ?? 2) || x.a - y.a || x.b - y.b);
  const now = fresh.slice(0, MAX_NEW_REVIEWS_PER_RUN);
  for (const u of now) {
    await openUncertainReview(trx, config, {
      entityKind: u.entityKind,
      entityId: links[u.a]!.entityId,
      records: [ref(u.a), ref(u.b)],
      evidence: { rule: u.rule, score: u.score, explanation: u.explanation },
    });
  }
  return { opened: now.length, waiting: fresh.length - now.length };
}
