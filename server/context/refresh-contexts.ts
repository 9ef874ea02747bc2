import { sql, type Kysely } from 'kysely';
import type { EntityRef, HealthScore } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { computeMetrics, type MetricTable } from '../metrics/compute-metrics.ts';
import { scoreHealth } from '../metrics/score-health.ts';
import type { Database } from '../store/schema.ts';
import { buildEntityBody, type MemberRecord, type PropertyOverride } from './entity-body.ts';

const CHUNK = 1000;

export async function loadMembers(db: Kysely<Database>, entityIds: readonly string[]): Promise<MemberRecord[]> {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('entity_links as l')
    .innerJoin('source_records as r', 'r.id', 'l.record_id')
    .select(['l.entity_id', 'l.entity_kind', 'l.rule', 'l.score', 'l.explanation', 'r.model', 'r.source', 'r.kind', 'r.source_id', 'r.observed_at', 'r.payload', 'r.properties'])
    .where('l.entity_id', 'in', [...entityIds])
    .orderBy('r.id')
    .execute();
}

async function loadOverrides(db: Kysely<Database>, entityIds: readonly string[]): Promise<(PropertyOverride & { entity_id: string })[]> {
  if (entityIds.length === 0) return [];
  return db.selectFrom('property_overrides').select(['entity_id', 'key', 'value', 'set_by', 'set_at']).where('entity_id', 'in', [...entityIds]).execute();
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** Metrics and health of a set of entities at `anchor`: also what a lookup with `asOf` computes live. */
export async function computeEntityFigures(
  db: Kysely<Database>,
  config: SidelightConfig,
  entities: readonly { id: string; kind: 'account' | 'person' }[],
  anchor: Date,
): Promise<{ metrics: MetricTable; health: Map<string, HealthScore | null> }> {
  const metrics: MetricTable = new Map();
  for (const kind of ['account', 'person'] as const) {
    const ids = entities.filter((e) => e.kind === kind).map((e) => e.id);
    if (ids.length === 0 || !config.metrics.some((m) => m.entity === kind)) continue;
    for (const [id, values] of await computeMetrics(db, config.metrics, { entity: kind, anchor, entityIds: ids })) metrics.set(id, values);
  }
  const health = new Map<string, HealthScore | null>();
  if (config.health) {
    const formatOf = (key: string) => config.metrics.find((m) => m.key === key)?.format ?? 'number';
    for (const entity of entities) if (entity.kind === 'account') health.set(entity.id, scoreHealth(config.health, metrics.get(entity.id) ?? new Map(), formatOf));
  }
  return { metrics, health };
}

/**
 * Precomputes the context of entities (all, or the given ones) at `anchor`: properties by survivorship,
 * matches, metrics and health, one `entity_context` row each, plus today's point of each account's health
 * history. Runs after every sync, and for the entities a flag or an override touches.
 */
export async function refreshContexts(
  db: Kysely<Database>,
  config: SidelightConfig,
  options: { entityIds?: readonly string[]; anchor?: Date } = {},
): Promise<{ entities: number; durationMs: number }> {
  const started = performance.now();
  const anchor = options.anchor ?? new Date();
  const ids = options.entityIds
    ? [...new Set(options.entityIds)].sort()
    : (await db.selectFrom('entities').select('id').orderBy('id').execute()).map((r) => r.id);
  let written = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    // The database's clock before reading, stored as the rows' `computed_at`: a refresh never overwrites a
    // row computed from a later read. Two requests (or two servers) that change one entity at once each
    // refresh it after their commit, and the one that read before the other's commit may write last.
    const readAt = (await sql<{ at: string }>`select clock_timestamp()::text as at`.execute(db)).rows[0]!.at;
    // In id order, so two refreshes of overlapping entities lock their rows in the same order.
    const refs = await db.selectFrom('entities').select(['id', 'kind', 'name', 'detail']).where('id', 'in', chunk).orderBy('id').execute();
    const [members, overrides, figures] = await Promise.all([
      loadMembers(db, chunk),
      loadOverrides(db, chunk),
      computeEntityFigures(db, config, refs, anchor),
    ]);
    const membersOf = Map.groupBy(members, (m) => m.entity_id);
    const overridesOf = Map.groupBy(overrides, (o) => o.entity_id);
    const rows = refs.map((r) => {
      const ref: EntityRef = { kind: r.kind, id: r.id, name: r.name, detail: r.detail };
      const metrics = [...(figures.metrics.get(r.id)?.values() ?? [])];
      const body = buildEntityBody(config, ref, membersOf.get(r.id) ?? [], overridesOf.get(r.id) ?? [], metrics, figures.health.get(r.id) ?? null);
      return { entity_id: r.id, kind: r.kind, body: JSON.stringify(body), anchor, computed_at: readAt };
    });
    const gone = chunk.filter((id) => !refs.some((r) => r.id === id));
    await db.transaction().execute(async (trx) => {
      if (gone.length) await trx.deleteFrom('entity_context').where('entity_id', 'in', gone).where('computed_at', '<=', sql<Date>`${readAt}::timestamptz`).execute();
      if (rows.length) {
        await trx
          .insertInto('entity_context')
          .values(rows)
          .onConflict((oc) =>
            oc
              .column('entity_id')
              .doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), body: eb.ref('excluded.body'), anchor: eb.ref('excluded.anchor'), computed_at: eb.ref('excluded.computed_at') }))
              .where(sql<boolean>`entity_context.computed_at <= excluded.computed_at`),
          )
          .execute();
      }
      const history = [...figures.health].flatMap(([id, health]) =>
        health ? [{ entity_id: id, day: utcDay(anchor), score: health.score, band: health.band, factors: JSON.stringify(health.factors), computed_at: readAt }] : [],
      );
      if (history.length) {
        await trx
          .insertInto('health_history')
          .values(history)
          .onConflict((oc) =>
            oc
              .columns(['entity_id', 'day'])
              .doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), band: eb.ref('excluded.band'), factors: eb.ref('excluded.factors'), computed_at: eb.ref('excluded.computed_at') }))
              .where(sql<boolean>`health_history.computed_at <= excluded.computed_at`),
          )
          .execute();
      }
    });
    written += rows.length;
  }
  if (!options.entityIds) await sql`delete from entity_context c where not exists (select 1 from entities e where e.id = c.entity_id)`.execute(db);
  return { entities: written, durationMs: Math.round(performance.now() - started) };
}
