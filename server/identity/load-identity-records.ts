import { sql, type Kysely } from 'kysely';
import { normaliseIdentifier } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { recordIdType } from '../config/source-apps.ts';
import type { Database } from '../store/schema.ts';
import { entityKindOf } from './record-keys.ts';
import type { IdentityRecord } from './resolve-exact.ts';

export interface IdentityRow {
  id: number;
  model: string;
  source: string;
  kind: string;
  source_id: string;
  same_as: { source: string; id: string }[];
  payload: Record<string, unknown>;
  observed_at: Date;
}

/** The key other sources use for a record of `source`: Salesforce ids compare in their 18-char form. */
function matchKeyFor(config: SidelightConfig, source: string, kind: 'accounts' | 'users', id: string): string {
  const app = config.sources[source]?.app ?? 'other';
  const type = recordIdType(app, kind);
  return (type && normaliseIdentifier({ type, value: id })?.value) || id.trim();
}

/**
 * The account and person records to resolve, in store order (which the resolution's determinism rests on):
 * all of them, or the given ones.
 */
export async function loadIdentityRecords(
  db: Kysely<Database>,
  config: SidelightConfig,
  recordIds?: readonly number[],
): Promise<{ rows: IdentityRow[]; records: IdentityRecord[] }> {
  let query = db
    .selectFrom('source_records')
    .select(['id', 'model', 'source', 'kind', 'source_id', 'same_as', 'payload', 'observed_at'])
    .where('kind', 'in', ['accounts', 'users']);
  if (recordIds) {
    if (recordIds.length === 0) return { rows: [], records: [] };
    query = query.where(sql<boolean>`id = any(${[...recordIds]}::bigint[])`);
  }
  const rows = await query.orderBy('id').execute();
  const columnOf = new Map(config.models.flatMap((m) => m.sameAs.map((s) => [`${m.name}|${s.source}`, s.column] as const)));
  const records = rows.map((row): IdentityRecord => {
    const kind = row.kind as 'accounts' | 'users';
    return {
      recordId: row.id,
      entityKind: entityKindOf(kind),
      source: row.source,
      sourceId: row.source_id,
      matchKey: matchKeyFor(config, row.source, kind, row.source_id),
      email: typeof row.payload.email === 'string' ? row.payload.email : null,
      sameAs: row.same_as.map((ref) => ({
        source: ref.source,
        key: matchKeyFor(config, ref.source, kind, ref.id),
        column: columnOf.get(`${row.model}|${ref.source}`) ?? 'a shared id',
      })),
    };
  });
  return { rows, records };
}
