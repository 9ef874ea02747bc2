import { createHash } from 'node:crypto';
import type { EntityRef, HealthScore, Match, ModelKind, Property } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { pickValue } from '../identity/survivorship.ts';
import { deepLink, recordLabel } from '../lookup/deep-links.ts';
import type { ComputedMetric } from '../metrics/compute-metrics.ts';

/**
 * Everything the sidebar may show about one entity, for every role: the lookup cuts it to the caller's
 * role. Stored as `entity_context.body` after each sync so a lookup reads a row instead of aggregating.
 */
export interface EntityBody {
  ref: EntityRef;
  properties: (Property & { entity: 'account' | 'person' })[];
  matches: Match[];
  metrics: ComputedMetric[];
  health: HealthScore | null;
  /** The models this entity's records came from, for freshness. */
  models: string[];
  oldestObservedAt: string | null;
  /** A digest of everything above: what a lookup's version is made of instead of re-hashing the body. */
  digest: string;
}

export interface MemberRecord {
  entity_id: string;
  entity_kind: 'account' | 'person';
  rule: string;
  score: number;
  explanation: string;
  model: string;
  source: string;
  kind: string;
  source_id: string;
  observed_at: Date;
  payload: Record<string, unknown>;
  properties: Record<string, unknown>;
}

export interface PropertyOverride {
  key: string;
  value: unknown;
  set_by: string;
  set_at: Date;
}

const asPropertyValue = (value: unknown): Property['value'] =>
  value === null || value === undefined ? null : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? value : JSON.stringify(value);

/**
 * Survivorship for every configured property of the entity: an admin's override first, then the source
 * systems in the property's priority order, then the most recent value. Each value keeps its lineage.
 */
export function applySurvivorship(
  config: SidelightConfig,
  entity: 'account' | 'person',
  members: readonly MemberRecord[],
  overrides: readonly PropertyOverride[],
): EntityBody['properties'] {
  const systemOf = (source: string) => config.sources[source]?.system ?? 'other';
  const properties: EntityBody['properties'] = [];
  for (const def of config.properties) {
    if (def.entity !== entity) continue;
    const base = { entity, key: def.key, label: def.label, group: def.group, format: def.format };
    const override = overrides.find((o) => o.key === def.key);
    if (override) {
      properties.push({ ...base, value: asPropertyValue(override.value), source: 'override', system: 'other', sourceRecordId: '', observedAt: override.set_at.toISOString(), overriddenBy: override.set_by });
      continue;
    }
    const winner = pickValue(
      members.map((m) => ({ value: m.payload[def.key] ?? m.properties[def.key], system: systemOf(m.source), observedAt: m.observed_at, record: m })),
      def.priority,
    );
    if (!winner) continue;
    properties.push({
      ...base,
      value: asPropertyValue(winner.value),
      source: winner.record.source,
      system: systemOf(winner.record.source),
      sourceRecordId: winner.record.source_id,
      observedAt: winner.record.observed_at.toISOString(),
      overriddenBy: null,
    });
  }
  return properties;
}

export function describeMatches(config: SidelightConfig, members: readonly MemberRecord[]): Match[] {
  return members.map((m) => {
    const source = config.sources[m.source];
    return {
      entity: { kind: m.entity_kind, id: m.entity_id },
      source: m.source,
      system: source?.system ?? 'other',
      sourceId: m.source_id,
      label: source ? recordLabel(m.source, source, m.kind as ModelKind) : m.source,
      rule: m.rule,
      confidence: m.score,
      explanation: m.explanation,
      link: source ? deepLink(source, m.kind as ModelKind, m.source_id) : null,
    };
  });
}

export function buildEntityBody(
  config: SidelightConfig,
  ref: EntityRef,
  members: readonly MemberRecord[],
  overrides: readonly PropertyOverride[],
  metrics: readonly ComputedMetric[],
  health: HealthScore | null,
): EntityBody {
  const oldest = members.reduce<Date | null>((min, m) => (min === null || m.observed_at < min ? m.observed_at : min), null);
  return withDigest({
    ref,
    properties: applySurvivorship(config, ref.kind, members, overrides),
    matches: describeMatches(config, members),
    metrics: [...metrics],
    health,
    models: [...new Set(members.map((m) => m.model))].sort(),
    oldestObservedAt: oldest?.toISOString() ?? null,
  });
}

export function withDigest(body: Omit<EntityBody, 'digest'>): EntityBody {
  const { digest: _old, ...rest } = body as EntityBody;
  return { ...rest, digest: createHash('sha1').update(JSON.stringify(rest)).digest('hex').slice(0, 16) };
}
