import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { ErasureTarget } from './find-person.ts';

export interface PossibleMatch {
  source: string;
  sourceId: string;
  label: string;
  reviewItemId: string;
  /** The person entity it belongs to now: what `sidelight erase --person` takes. */
  entityId: string | null;
}

/**
 * Records an open review item pairs with the person's (a probable match nobody has decided, such as the
 * same name under a personal address): not part of the person as the store knows them, so not erased.
 * The erasure deletes those items (their records are gone), so it names the records for the admin to
 * check, and erase by their own address or entity when they are the same person.
 */
export async function findPossibleMatches(db: Kysely<Database>, target: ErasureTarget): Promise<PossibleMatch[]> {
  const keys = new Set(target.records.map((r) => `${r.source}|${r.source_id}`));
  if (keys.size === 0) return [];
  const items = await db
    .selectFrom('review_items')
    .select(['id', 'records'])
    .where('kind', '=', 'uncertain')
    .where('status', '=', 'open')
    .where('entity_kind', '=', 'person')
    .where(sql<boolean>`exists (select 1 from jsonb_array_elements(records) r where (r->>'source') || '|' || (r->>'sourceId') = any(${[...keys]}::text[]))`)
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  const matches = items.flatMap((item) =>
    item.records.flatMap((r) => {
      const key = `${r.source}|${r.sourceId}`;
      if (keys.has(key) || seen.has(key)) return [];
      seen.add(key);
      return [{ source: r.source, sourceId: r.sourceId, label: r.label, reviewItemId: item.id }];
    }),
  );
  const entities = matches.length
    ? await db
        .selectFrom('source_records as r')
        .innerJoin('entity_links as l', 'l.record_id', 'r.id')
        .select(['r.source', 'r.source_id', 'l.entity_id'])
        .where('r.kind', '=', 'users')
        .where(sql<boolean>`r.source || '|' || r.source_id = any(${matches.map((m) => `${m.source}|${m.sourceId}`)}::text[])`)
        .execute()
    : [];
  return matches.map((m) => ({ ...m, entityId: entities.find((e) => e.source === m.source && e.source_id === m.sourceId)?.entity_id ?? null }));
}
