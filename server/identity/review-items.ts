import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Impact, RecordRef, ReviewItem, Role } from '../../lib/contract/index.ts';
import type { ModelKind } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { maskValue } from '../context/mask-value.ts';
import { recordLabel } from '../lookup/deep-links.ts';
import type { Database, ReviewItemsTable } from '../store/schema.ts';
import { recordKindOf, type EntityKind } from './record-keys.ts';

export type ReviewRow = Selectable<ReviewItemsTable>;

/** How a record is named to a reviewer: its app and kind ("Salesforce person"). */
export function labelRecord(config: SidelightConfig, kind: EntityKind, ref: RecordRef): RecordRef & { label: string } {
  const source = config.sources[ref.source];
  return { ...ref, label: source ? recordLabel(ref.source, source, recordKindOf(kind) as ModelKind) : ref.source };
}

export interface NewReviewItem {
  kind: ReviewItem['kind'];
  entityKind: EntityKind;
  entityId: string;
  records: (RecordRef & { label: string })[];
  evidence: ReviewItem['evidence'];
  impact: Impact | null;
  flagId: string | null;
}

export async function openReviewItem(trx: Kysely<Database>, item: NewReviewItem): Promise<string> {
  const id = `rev_${randomBytes(8).toString('hex')}`;
  await trx
    .insertInto('review_items')
    .values({
      id,
      kind: item.kind,
      status: 'open',
      entity_kind: item.entityKind,
      entity_id: item.entityId,
      records: JSON.stringify(item.records),
      evidence: JSON.stringify(item.evidence),
      impact: item.impact ? JSON.stringify(item.impact) : null,
      flag_id: item.flagId,
    })
    .execute();
  return id;
}

/**
 * Queues a pair the rules could not decide (a score between the thresholds) for a person: `merge` links
 * the records, `reject` keeps them apart for good. For the probabilistic resolution to call.
 */
export async function openUncertainReview(
  db: Kysely<Database>,
  config: SidelightConfig,
  input: { entityKind: EntityKind; entityId: string; records: RecordRef[]; evidence: ReviewItem['evidence'] },
): Promise<string> {
  return openReviewItem(db, {
    kind: 'uncertain',
    entityKind: input.entityKind,
    entityId: input.entityId,
    records: input.records.map((r) => labelRecord(config, input.entityKind, r)),
    evidence: input.evidence,
    impact: null,
    flagId: null,
  });
}

const asValue = (value: unknown): string | number | boolean | null =>
  value === null || value === undefined ? null : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);

/**
 * A review item as the caller's role may see it: impact on properties and metrics the role may not see is
 * left out, and masked where the config masks the property for the role, as the lookup does.
 */
export function toReviewItem(row: ReviewRow, config: SidelightConfig, role: Role): ReviewItem {
  const impact = row.impact as Impact | null;
  const defs = new Map(config.properties.filter((p) => p.entity === row.entity_kind && p.roles.includes(role)).map((p) => [p.key, p]));
  const shown = (value: unknown, masked: boolean) => (masked ? maskValue(asValue(value)) : value);
  const properties = (impact?.properties ?? []).flatMap((p) => {
    const def = defs.get(p.key);
    if (!def) return [];
    const masked = def.maskFor.includes(role);
    return [{ ...p, before: shown(p.before, masked), after: shown(p.after, masked) }];
  });
  // Metrics have roles too: one the role may not see is left out, as the lookup leaves it out.
  const metricKeys = new Set(config.metrics.filter((m) => m.entity === row.entity_kind && m.roles.includes(role)).map((m) => m.key));
  const metrics = (impact?.metrics ?? []).filter((m) => metricKeys.has(m.key));
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    entity: { kind: row.entity_kind, id: row.entity_id },
    records: row.records,
    evidence: row.evidence,
    impact: impact ? { properties, metrics } : null,
    flagId: row.flag_id,
    decision:
      row.decision && row.decided_by && row.decided_at
        ? { decision: row.decision, decidedBy: row.decided_by, decidedAt: row.decided_at.toISOString(), note: row.note }
        : null,
  };
}

export async function listReviewItems(db: Kysely<Database>, filter: { status: 'open' | 'decided' | 'all'; limit: number }): Promise<ReviewRow[]> {
  let query = db.selectFrom('review_items').selectAll();
  if (filter.status !== 'all') query = query.where('status', '=', filter.status);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
