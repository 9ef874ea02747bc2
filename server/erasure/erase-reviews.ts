import { sql, type Kysely } from 'kysely';
import type { Impact } from '../../lib/contract/index.ts';
import type { Database } from '../store/schema.ts';
import { ERASED, type ErasureKeys } from './erasure-digests.ts';
import type { ErasureTarget } from './find-person.ts';

/**
 * Review items about the person. An open "are these the same?" item naming one of their records can never
 * be decided (the record is gone): deleted. The others stay as decisions, with tombstones for the records,
 * no explanation (it quotes the compared values), no property values in the impact, no note.
 */
export async function eraseReviewItems(trx: Kysely<Database>, keys: ErasureKeys, target: ErasureTarget): Promise<{ deleted: number; redacted: number }> {
  const tombOf = new Map(target.records.map((r) => [`${r.source}|${r.source_id}`, keys.tombstone(r.source, r.source_id)]));
  const items = await trx
    .selectFrom('review_items')
    .select(['id', 'kind', 'status', 'records', 'evidence', 'impact'])
    .where('entity_kind', '=', 'person')
    .where((eb) =>
      eb.or([
        sql<boolean>`entity_id = any(${target.entityIds}::text[])`,
        sql<boolean>`exists (select 1 from jsonb_array_elements(records) r where (r->>'source') || '|' || (r->>'sourceId') = any(${[...tombOf.keys()]}::text[]))`,
      ]),
    )
    .execute();
  const names = (item: (typeof items)[number]) => item.records.some((r) => tombOf.has(`${r.source}|${r.sourceId}`));
  const doomed = items.filter((item) => item.kind === 'uncertain' && item.status === 'open' && names(item));
  if (doomed.length) await trx.deleteFrom('review_items').where('id', 'in', doomed.map((d) => d.id)).execute();
  const kept = items.filter((item) => !doomed.includes(item));
  for (const item of kept) {
    const impact = item.impact as Impact | null;
    await trx
      .updateTable('review_items')
      .set({
        records: JSON.stringify(item.records.map((r) => ({ ...r, sourceId: tombOf.get(`${r.source}|${r.sourceId}`) ?? r.sourceId }))),
        evidence: JSON.stringify({ ...item.evidence, explanation: ERASED }),
        impact: impact ? JSON.stringify({ ...impact, properties: impact.properties.map((p) => ({ ...p, before: hide(p.before), after: hide(p.after) })) }) : null,
        note: null,
      })
      .where('id', '=', item.id)
      .execute();
  }
  return { deleted: doomed.length, redacted: kept.length };
}

const hide = (value: unknown) => (value === null || value === undefined ? null : ERASED);
