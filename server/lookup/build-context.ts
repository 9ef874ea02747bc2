import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Context, EntityRef, Identifier, MetricValue, ModelStatus, Role } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { buildEntityBody, withDigest, type EntityBody } from '../context/entity-body.ts';
import { maskValue } from '../context/mask-value.ts';
import { recentModelStatuses } from '../context/recent-statuses.ts';
import { computeEntityFigures, loadMembers } from '../context/refresh-contexts.ts';
import { loadFlagsInForce } from '../identity/list-flags.ts';
import type { ComputedMetric } from '../metrics/compute-metrics.ts';
import type { Database } from '../store/schema.ts';
import { accountsOfPerson, loadLookup, type Resolution } from './resolve-identifiers.ts';

const fingerprints = new WeakMap<SidelightConfig, string>();

/** What of the config shapes a context (labels, groups, formats, roles, masks): part of every version. */
function configFingerprint(config: SidelightConfig): string {
  let fingerprint = fingerprints.get(config);
  if (!fingerprint) {
    fingerprint = createHash('sha1').update(JSON.stringify([config.properties, config.metrics, config.health ?? null])).digest('hex');
    fingerprints.set(config, fingerprint);
  }
  return fingerprint;
}

async function loadRefs(db: Kysely<Database>, ids: string[]): Promise<Map<string, EntityRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('entities').select(['id', 'kind', 'name', 'detail']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { kind: r.kind, id: r.id, name: r.name, detail: r.detail }]));
}

/**
 * The precomputed bodies of the entities; an entity whose body is missing (resolved since the last
 * refresh) or a lookup anchored in the past (`asOf`) is computed now.
 */
async function loadBodies(db: Kysely<Database>, config: SidelightConfig, ids: string[], asOf: Date | null): Promise<Map<string, EntityBody>> {
  const bodies = new Map<string, EntityBody>();
  if (ids.length === 0) return bodies;
  const rows = await db.selectFrom('entity_context').select(['entity_id', 'body']).where('entity_id', 'in', ids).execute();
  for (const row of rows) bodies.set(row.entity_id, row.body as EntityBody);
  const missing = ids.filter((id) => !bodies.has(id));
  if (missing.length === 0 && !asOf) return bodies;

  const refs = await loadRefs(db, asOf ? ids : missing);
  const entities = [...refs.values()];
  const figures = await computeEntityFigures(db, config, entities, asOf ?? new Date());
  const members = missing.length ? await loadMembers(db, missing) : [];
  for (const ref of entities) {
    const metrics = [...(figures.metrics.get(ref.id)?.values() ?? [])];
    const health = figures.health.get(ref.id) ?? null;
    const existing = bodies.get(ref.id);
    bodies.set(ref.id, existing ? withDigest({ ...existing, metrics, health }) : buildEntityBody(config, ref, members.filter((m) => m.entity_id === ref.id), [], metrics, health));
  }
  return bodies;
}

/** A metric as the caller's role sees it: labels and format from the governed definition, stale when its models are. */
function presentMetrics(config: SidelightConfig, role: Role, body: EntityBody, statuses: readonly ModelStatus[]): MetricValue[] {
  const computed = new Map<string, ComputedMetric>(body.metrics.map((m) => [m.key, m]));
  return config.metrics.flatMap((def) => {
    if (def.entity !== body.ref.kind || !def.roles.includes(role)) return [];
    const value = computed.get(def.key);
    if (!value) return [];
    const readsFrom = (kind: string, models?: string[]) => statuses.filter((s) => s.kind === kind && (!models || models.includes(s.name)));
    const sources = def.ratio
      ? [def.ratio.numerator, def.ratio.denominator].flatMap((key) => {
          const part = config.metrics.find((m) => m.key === key);
          return part ? readsFrom(part.kind, part.models) : [];
        })
      : readsFrom(def.kind, def.models);
    const stale = sources.filter((s) => s.stale);
    const staleSince = stale.length ? stale.map((s) => s.dataAsOf ?? s.lastSuccessAt ?? new Date(0).toISOString()).sort()[0]! : null;
    return [{ key: def.key, label: def.label, entity: def.entity, format: def.format, windows: value.windows, sparkline: value.sparkline, lowerIsBetter: def.lowerIsBetter, staleSince }];
  });
}

/** An entity asked for by id (the candidate switcher, `GET /v1/accounts/:id`): a person shows with their only account. */
async function resolveEntity(db: Kysely<Database>, entity: { kind: 'account' | 'person'; id: string }): Promise<Resolution | null> {
  const row = await db.selectFrom('entities').select(['id', 'kind']).where('id', '=', entity.id).where('kind', '=', entity.kind).executeTakeFirst();
  if (!row) return null;
  if (entity.kind === 'account') return { status: 'matched', accountId: row.id, personId: null, resolvedFrom: [] };
  const accounts = await accountsOfPerson(db, row.id);
  if (accounts.length > 1) return { status: 'ambiguous', personId: row.id, candidateAccountIds: accounts, candidatePersonIds: [], resolvedFrom: [] };
  return { status: 'matched', accountId: accounts[0] ?? null, personId: row.id, resolvedFrom: [] };
}

type ContextInput = { role: Role; asOf?: Date | null } & ({ identifiers: readonly Identifier[] } | { entity: { kind: 'account' | 'person'; id: string } });

/**
 * The context a sidebar renders, for the identifiers its page shows (or one entity by id), cut to what the
 * caller's role may see. Null only for an entity id that does not exist.
 */
export async function buildContext(db: Kysely<Database>, config: SidelightConfig, input: ContextInput & { identifiers: readonly Identifier[] }): Promise<Context>;
export async function buildContext(db: Kysely<Database>, config: SidelightConfig, input: ContextInput): Promise<Context | null>;
export async function buildContext(db: Kysely<Database>, config: SidelightConfig, input: ContextInput): Promise<Context | null> {
  const statusesPromise = recentModelStatuses(db, config);
  const loaded = 'entity' in input ? { resolution: await resolveEntity(db, input.entity), bodies: new Map<string, EntityBody>(), flags: null } : await loadLookup(db, input.identifiers);
  const { resolution } = loaded;
  if (!resolution) return null;
  const accountId = resolution.status === 'matched' ? resolution.accountId : null;
  const personId = resolution.status === 'none' ? null : resolution.personId;
  const candidateIds = resolution.status === 'ambiguous' ? [...resolution.candidateAccountIds, ...resolution.candidatePersonIds] : [];
  const shown = [accountId, personId].filter((x): x is string => x !== null);
  // The common case needs nothing more: the bodies came with the resolution.
  const needBodies = input.asOf || shown.some((id) => !loaded.bodies.has(id));
  const needRefs = candidateIds.filter((id) => !loaded.bodies.has(id));
  const [bodies, fetchedRefs, statuses, flags] = await Promise.all([
    needBodies ? loadBodies(db, config, shown, input.asOf ?? null) : loaded.bodies,
    loadRefs(db, needRefs),
    statusesPromise,
    loaded.flags ? loaded.flags.filter((f) => shown.includes(f.entity.id) || (f.splitEntityId !== null && shown.includes(f.splitEntityId))) : loadFlagsInForce(db, shown),
  ]);
  const candidateRefs = new Map([...[...loaded.bodies.values()].map((b) => [b.ref.id, b.ref] as const), ...fetchedRefs]);
  const account = accountId ? bodies.get(accountId) : undefined;
  const person = personId ? bodies.get(personId) : undefined;
  const present = [person, account].filter((b): b is EntityBody => b !== undefined);

  const visible = new Set(config.properties.filter((p) => p.roles.includes(input.role)).map((p) => `${p.entity}.${p.key}`));
  const masked = new Set(config.properties.filter((p) => p.maskFor.includes(input.role)).map((p) => `${p.entity}.${p.key}`));
  const models = new Set(present.flatMap((b) => b.models));
  const staleModels = statuses.filter((s) => s.stale && models.has(s.name)).map((s) => s.name).sort();
  const oldest = present.map((b) => b.oldestObservedAt).filter((x): x is string => x !== null).sort()[0] ?? null;

  const body: Omit<Context, 'version'> = {
    status: resolution.status,
    account: account?.ref ?? null,
    person: person?.ref ?? null,
    candidates: candidateIds.map((id) => candidateRefs.get(id)).filter((r): r is EntityRef => r !== undefined),
    properties: [account, person].flatMap((b) =>
      (b?.properties ?? []).flatMap((p) => {
        const key = `${p.entity}.${p.key}`;
        if (!visible.has(key)) return [];
        // A masked property's lineage stays (where it came from), its value does not.
        return masked.has(key) ? [{ ...p, value: maskValue(p.value) }] : [p];
      }),
    ),
    metrics: [account, person].flatMap((b) => (b ? presentMetrics(config, input.role, b, statuses) : [])),
    health: account?.health ?? null,
    matches: present.flatMap((b) => b.matches),
    flags,
    freshness: { stale: staleModels.length > 0, oldestObservedAt: oldest, staleModels },
    resolvedFrom: resolution.resolvedFrom,
  };
  // The version is made of what the body is made of (the entities' digests, the role and the config that
  // cut them, staleness, flags, candidates) rather than a hash of the serialised body: it costs a few
  // dozen bytes of hashing instead of a second serialisation of every context.
  const version = createHash('sha1')
    .update(
      JSON.stringify([
        configFingerprint(config),
        input.role,
        input.asOf?.toISOString() ?? null,
        body.status,
        // (Bodies precomputed before digests existed are hashed whole.)
        present.map((b) => b.digest ?? JSON.stringify(b)),
        body.candidates.map((c) => [c.id, c.name, c.detail]),
        body.metrics.map((m) => m.staleSince),
        body.flags.map((f) => [f.id, f.status]),
        body.freshness,
        body.resolvedFrom,
      ]),
    )
    .digest('hex')
    .slice(0, 20);
  return { ...body, version };
}
