import { sql, type Kysely } from 'kysely';
import type { Impact } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import type { EntityKind } from './record-keys.ts';
import { pickValue } from './survivorship.ts';

export interface ImpactRow {
  id: number;
  source: string;
  payload: Record<string, unknown>;
  properties: Record<string, unknown>;
  observed_at: Date;
}

export async function loadImpactRows(trx: Kysely<Database>, recordIds: readonly number[]): Promise<ImpactRow[]> {
  if (recordIds.length === 0) return [];
  return trx
    .selectFrom('source_records')
    .select(['id', 'source', 'payload', 'properties', 'observed_at'])
    .where(sql<boolean>`id = any(${[...recordIds]}::bigint[])`)
    .orderBy('id')
    .execute();
}

/**
 * The entity's property values that change when its members go from `before` to `after`, each picked by
 * survivorship as the sidebar picks it. Metrics are left empty for now: they need the activity re-pointed
 * and recomputed, which the context refresh after the flag does.
 */
export function propertyImpact(config: SidelightConfig, kind: EntityKind, before: readonly ImpactRow[], after: readonly ImpactRow[]): Impact {
  const systemOf = (source: string) => config.sources[source]?.system ?? 'other';
  const valueOf = (rows: readonly ImpactRow[], key: string, priority: readonly string[]) =>
    pickValue(
      rows.map((r) => ({ value: r.payload[key] ?? r.properties[key], system: systemOf(r.source), observedAt: r.observed_at })),
      priority,
    )?.value ?? null;
  const properties = config.properties
    .filter((p) => p.entity === kind)
    .map((p) => ({ key: p.key, label: p.label, before: valueOf(before, p.key, p.priority), after: valueOf(after, p.key, p.priority) }))
    .filter((p) => JSON.stringify(p.before) !== JSON.stringify(p.after));
  return { properties, metrics: [] };
}
