import { sql, type Kysely } from 'kysely';
import type { Database, PriorLink } from '../store/schema.ts';
import { probablePartner } from './describe-probable-link.ts';
import type { ProbablePair } from './link-probable.ts';
import { recordKey } from './record-keys.ts';
import type { ResolutionState } from './resolution-state.ts';

export type StoredProbable = ReadonlyMap<number, { score: number; explanation: string }>;

/**
 * The probable links a scoped re-resolution (a flag, an undo, a decision) keeps: the engine's model belongs
 * to the whole data set, so a few records are not scored again; each probable link row names its partner
 * and is taken as it stands. An undo's links from before the flag count first, so what the flag undid comes back.
 */
export async function loadStoredProbable(db: Kysely<Database>, recordIds: readonly number[], restore?: ReadonlyMap<number, PriorLink>): Promise<StoredProbable> {
  const out = new Map<number, { score: number; explanation: string }>();
  if (recordIds.length > 0) {
    const rows = await sql<{ record_id: number; score: number; explanation: string }>`select record_id, score, explanation from entity_links
      where rule = 'probable_match' and record_id = any(${[...recordIds]}::bigint[])`.execute(db);
    for (const r of rows.rows) out.set(r.record_id, { score: r.score, explanation: r.explanation });
  }
  for (const [id, prior] of restore ?? []) if (prior.rule === 'probable_match') out.set(id, { score: prior.score, explanation: prior.explanation });
  return out;
}

/** Stored links as pairs of the records in scope; a link whose partner is outside the scope is left out. */
export function storedProbablePairs(state: ResolutionState, stored: StoredProbable): ProbablePair[] {
  const pairs: ProbablePair[] = [];
  state.records.forEach((r, i) => {
    const link = stored.get(r.recordId);
    const partner = link && probablePartner(link.explanation);
    if (!link || !partner) return;
    const j = state.lookup(r.entityKind, recordKey(partner.source, partner.sourceId))[0];
    if (j === undefined || j === i) return;
    pairs.push({ a: i, b: j, score: link.score, explain: () => link.explanation, carrier: i });
  });
  return pairs;
}
