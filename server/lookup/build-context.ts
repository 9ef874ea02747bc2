import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Context, EntityRef, Identifier, Match, Property, Role } from '../../lib/contract/index.ts';
import type { ModelKind } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { pickValue } from '../identity/survivorship.ts';
import { modelStatuses } from '../models/status.ts';
import type { Database } from '../store/schema.ts';
import { deepLink, recordLabel } from './deep-links.ts';
import { resolveIdentifiers } from './resolve-identifiers.ts';

type EntityKind = 'account' | 'person';

interface MemberRecord {
  entity_id: string;
  entity_kind: EntityKind;
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

async function loadMembers(db: Kysely<Database>, entityIds: string[]): Promise<MemberRecord[]> {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('entity_links as l')
    .innerJoin('source_records as r', 'r.id', 'l.record_id')
    .select(['l.entity_id', 'l.entity_kind', 'l.rule', 'l.score', 'l.explanation', 'r.model', 'r.source', 'r.kind', 'r.source_id', 'r.observed_at', 'r.payload', 'r.properties'])
    .where('l.entity_id', 'in', entityIds)
    .orderBy('r.id')
    .execute();
}

async function loadRefs(db: Kysely<Database>, ids: string[]): Promise<Map<string, EntityRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('entities').select(['id', 'kind', 'name', 'detail']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { kind: r.kind, id: r.id, name: r.name, detail: r.detail }]));
}

const asPropertyValue = (value: unknown): Property['value'] =>
  value === null || value === undefined ? null : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? value : JSON.stringify(value);

/** The context a sidebar renders, for the identifiers its page shows, cut to what the caller's role may see. */
export async function buildContext(
  db: Kysely<Database>,
  config: SidelightConfig,
  input: { identifiers: readonly Identifier[]; role: Role },
): Promise<Context> {
  const resolution = await resolveIdentifiers(db, input.identifiers);
  const accountId = resolution.status === 'matched' ? resolution.accountId : null;
  const personId = resolution.status === 'none' ? null : resolution.personId;
  const candidateIds = resolution.status === 'ambiguous' ? [...resolution.candidateAccountIds, ...resolution.candidatePersonIds] : [];
  const refs = await loadRefs(db, [accountId, personId, ...candidateIds].filter((x): x is string => x !== null));
  const members = await loadMembers(db, [accountId, personId].filter((x): x is string => x !== null));

  const systemOf = (source: string) => config.sources[source]?.system ?? 'other';
  const properties: Context['properties'] = [];
  for (const def of config.properties) {
    if (!def.roles.includes(input.role)) continue;
    const entityId = def.entity === 'account' ? accountId : personId;
    if (!entityId) continue;
    const winner = pickValue(
      members
        .filter((m) => m.entity_id === entityId)
        .map((m) => ({ value: m.payload[def.key] ?? m.properties[def.key], system: systemOf(m.source), observedAt: m.observed_at, record: m })),
      def.priority,
    );
    if (!winner) continue;
    properties.push({
      entity: def.entity,
      key: def.key,
      label: def.label,
      group: def.group,
      value: asPropertyValue(winner.value),
      format: def.format,
      source: winner.record.source,
      system: systemOf(winner.record.source),
      sourceRecordId: winner.record.source_id,
      observedAt: winner.record.observed_at.toISOString(),
    });
  }

  const matches: Match[] = members.map((m) => {
    const source = config.sources[m.source];
    return {
      entity: { kind: m.entity_kind, id: m.entity_id },
      source: m.source,
      system: systemOf(m.source),
      sourceId: m.source_id,
      label: source ? recordLabel(m.source, source, m.kind as ModelKind) : m.source,
      rule: m.rule,
      confidence: m.score,
      explanation: m.explanation,
      link: source ? deepLink(source, m.kind as ModelKind, m.source_id) : null,
    };
  });

  const freshness = await computeFreshness(db, config, [...new Set(members.map((m) => m.model))], members);
  const body: Omit<Context, 'version'> = {
    status: resolution.status,
    account: accountId ? (refs.get(accountId) ?? null) : null,
    person: personId ? (refs.get(personId) ?? null) : null,
    candidates: candidateIds.map((id) => refs.get(id)).filter((r): r is EntityRef => r !== undefined),
    properties,
    metrics: [],
    health: null,
    matches,
    flags: [],
    freshness,
    resolvedFrom: resolution.resolvedFrom,
  };
  const version = createHash('sha1').update(JSON.stringify(body)).digest('hex').slice(0, 20);
  return { ...body, version };
}

async function computeFreshness(db: Kysely<Database>, config: SidelightConfig, models: string[], members: MemberRecord[]): Promise<Context['freshness']> {
  const oldest = members.reduce<Date | null>((min, m) => (min === null || m.observed_at < min ? m.observed_at : min), null);
  if (models.length === 0) return { stale: false, oldestObservedAt: null, staleModels: [] };
  const staleModels = (await modelStatuses(db, config))
    .filter((s) => s.stale && models.includes(s.name))
    .map((s) => s.name)
    .sort();
  return { stale: staleModels.length > 0, oldestObservedAt: oldest?.toISOString() ?? null, staleModels };
}
