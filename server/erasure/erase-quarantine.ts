import { sql, type Kysely } from 'kysely';
import { renameColumns } from '../config/rename-columns.ts';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import type { ErasureMatcher } from './erasure-matcher.ts';
import type { ErasureTarget } from './find-person.ts';
import { namesErasedPerson } from './screen-row.ts';

/**
 * Quarantined rows that name the person — their address anywhere, their id in the row's id or person
 * column — are deleted, resolved ones included: the same test a sync applies before quarantining a row.
 */
export async function eraseQuarantine(trx: Kysely<Database>, config: SidelightConfig, matcher: ErasureMatcher, target: ErasureTarget): Promise<number> {
  const needles = [...target.emails, ...new Set(target.records.map((r) => r.source_id.toLowerCase()))];
  if (needles.length === 0) return 0;
  // A cheap text filter first, then the exact test on the few rows it lets through.
  const candidates = await trx
    .selectFrom('quarantine')
    .select(['id', 'model', 'row'])
    .where(sql<boolean>`(${sql.join(needles.map((n) => sql`strpos(lower(row::text), ${n}) > 0`), sql` or `)})`)
    .execute();
  const doomed = candidates.filter((c) => {
    const model = config.models.find((m) => m.name === c.model);
    // A model gone from the configuration: the row can only be read, never replayed; any mention is enough.
    return model ? namesErasedPerson(matcher, model, renameColumns(model, c.row)) : true;
  });
  if (doomed.length) await trx.deleteFrom('quarantine').where(sql<boolean>`id = any(${doomed.map((d) => d.id)}::bigint[])`).execute();
  return doomed.length;
}
