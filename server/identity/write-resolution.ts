import { sql, type Kysely } from 'kysely';
import type { Database, PriorLink } from '../store/schema.ts';
import { deleteEntities, deleteLinks, deleteMembers, upsertEntities, upsertLinks, upsertMembers, type LinkWrite } from './bulk-writes.ts';
import { appendHistory, type HistoryRow } from './identity-history.ts';
import type { IdentityRow } from './load-identity-records.ts';
import type { EntityRow } from './name-entities.ts';
import { entityKindOf, recordKey, type EntityKind } from './record-keys.ts';
import type { ResolvedLink } from './resolve-exact.ts';

export interface WriteOptions {
  /** `all`: the rows are every account and person record; `records`: whole entities, nothing outside them. */
  scope: 'all' | 'records';
  /** Who the history names for the links that change: 'system' for a rebuild, the person for a flag. */
  actor: string;
  /** Link rows to give back exactly (with their dates) where the run computes the same link: an undo. */
  restore?: ReadonlyMap<number, PriorLink>;
  /**
   * Older rows of the same records (what other flags of these entities replaced), newest first, whose dates
   * come back too where the run computes the same link: undoing the older of two flags on one entity
   * first leaves the rows the newer flag saved describing the state in between.
   */
  earlier?: ReadonlyMap<number, readonly PriorLink[]>;
  /** What a full run adds to its `rebuild` history row (counts only: refused automatic links, probable pairs). */
  report?: Record<string, unknown>;
}

export interface WriteResult {
  /** Records whose link changed (entity, rule or explanation). */
  changedRecordIds: number[];
  /** Entities that gained or lost members, were renamed, created or removed. */
  touchedEntityIds: string[];
  /** Records that moved to another entity (the history's link events). */
  moved: number;
}

type Member = { entity_kind: EntityKind; record_key: string; entity_id: string };

const anyOf = (column: string, values: readonly (string | number)[], type: 'bigint' | 'text') =>
  sql<boolean>`${sql.ref(column)} = any(${[...values]}::${sql.raw(type)}[])`;

// Scores are stored as `real`: compare at that precision, or every probable link would look changed.
const sameLink = (a: { entity_id: string; rule: string; score: number; explanation: string; decided_by: string }, b: ResolvedLink) =>
  a.entity_id === b.entityId && a.rule === b.rule && Math.fround(a.score) === Math.fround(b.score) && a.explanation === b.explanation && a.decided_by === b.decidedBy;

/**
 * Writes a resolution as differences: links, entities and the membership the history knows, each only
 * where it changed, with a link/unlink event for every record that moved. Unchanged links keep their
 * dates, so a re-run over the same data writes nothing.
 */
export async function writeResolution(
  trx: Kysely<Database>,
  rows: readonly IdentityRow[],
  links: readonly ResolvedLink[],
  entities: readonly EntityRow[],
  options: WriteOptions,
): Promise<WriteResult> {
  const all = options.scope === 'all';
  const now = (await sql<{ now: string }>`select now()::text as now`.execute(trx)).rows[0]!.now;
  const recordIds = rows.map((r) => r.id);
  const touched = new Set<string>();

  // Links.
  const linkQuery = trx.selectFrom('entity_links').select(['record_id', 'entity_id', 'entity_kind', 'rule', 'score', 'explanation', 'decided_by', 'decided_at']);
  const oldLinks = new Map((await (all ? linkQuery : linkQuery.where(anyOf('record_id', recordIds, 'bigint'))).execute()).map((l) => [l.record_id, l]));
  const changed = links.filter((l) => {
    const old = oldLinks.get(l.recordId);
    return !old || !sameLink(old, l) || old.entity_kind !== l.entityKind || (l.decidedAt !== null && old.decided_at.getTime() !== l.decidedAt.getTime());
  });
  await upsertLinks(
    trx,
    changed.map((l): LinkWrite => {
      const candidates = [options.restore?.get(l.recordId), ...(options.earlier?.get(l.recordId) ?? [])];
      const restored = candidates.find((prior) => prior && prior.entity_kind === l.entityKind && sameLink(prior, l))?.decided_at ?? null;
      return {
        record_id: l.recordId,
        entity_id: l.entityId,
        entity_kind: l.entityKind,
        rule: l.rule,
        score: l.score,
        explanation: l.explanation,
        decided_by: l.decidedBy,
        decided_at: l.decidedAt?.toISOString() ?? restored ?? now,
      };
    }),
  );
  for (const l of changed) {
    touched.add(l.entityId);
    const old = oldLinks.get(l.recordId);
    if (old) touched.add(old.entity_id);
  }
  const linked = new Set(links.map((l) => l.recordId));
  const stale = [...oldLinks.values()].filter((l) => !linked.has(l.record_id));
  for (const l of stale) touched.add(l.entity_id);
  await deleteLinks(trx, stale.map((l) => l.record_id));

  // Entities.
  const wanted = new Map(entities.map((e) => [e.id, e]));
  const entityQuery = trx.selectFrom('entities').select(['id', 'kind', 'name', 'detail']);
  const oldEntities = await (all
    ? entityQuery
    : entityQuery.where(anyOf('id', [...new Set([...[...oldLinks.values()].map((l) => l.entity_id), ...wanted.keys()])], 'text'))
  ).execute();
  const oldById = new Map(oldEntities.map((e) => [e.id, e]));
  const upserts = entities.filter((e) => {
    const old = oldById.get(e.id);
    return !old || old.kind !== e.kind || old.name !== e.name || old.detail !== e.detail;
  });
  // Only a full run read the whole table: a partial one never counts as filling it.
  await upsertEntities(trx, upserts, now, { existing: all ? oldEntities.length : Number.POSITIVE_INFINITY });
  const gone = oldEntities.filter((e) => !wanted.has(e.id)).map((e) => e.id);
  await deleteEntities(trx, gone);
  for (const id of [...upserts.map((e) => e.id), ...gone]) touched.add(id);

  // Membership by record key (the first record of a key speaks for it), and the history of every move.
  const members = new Map<string, Member & { rule: string; recordId: number }>();
  links.forEach((l, i) => {
    const key = recordKey(rows[i]!.source, rows[i]!.source_id);
    const k = `${l.entityKind}|${key}`;
    if (!members.has(k)) members.set(k, { entity_kind: l.entityKind, record_key: key, entity_id: l.entityId, rule: l.rule, recordId: l.recordId });
  });
  const oldMembers = new Map<string, Member>();
  const remember = (found: Member[]) => found.forEach((m) => oldMembers.set(`${m.entity_kind}|${m.record_key}`, m));
  if (all) remember(await trx.selectFrom('identity_members').selectAll().execute());
  else {
    for (const kind of ['account', 'person'] as const) {
      const keys = rows.filter((r) => entityKindOf(r.kind) === kind).map((r) => recordKey(r.source, r.source_id));
      if (keys.length) remember(await trx.selectFrom('identity_members').selectAll().where('entity_kind', '=', kind).where(anyOf('record_key', keys, 'text')).execute());
    }
  }
  const history: HistoryRow[] = [];
  const moves: Member[] = [];
  for (const [k, m] of members) {
    const old = oldMembers.get(k);
    if (old?.entity_id === m.entity_id) continue;
    const base = { actor: options.actor, entityKind: m.entity_kind, recordKey: m.record_key };
    if (old) history.push({ ...base, action: 'unlink', entityId: old.entity_id, summary: `moved to ${m.entity_id}`, detail: { to: m.entity_id, recordId: m.recordId } });
    history.push({
      ...base,
      action: 'link',
      entityId: m.entity_id,
      summary: old ? `moved here from ${old.entity_id} (${m.rule})` : `linked (${m.rule})`,
      detail: { rule: m.rule, from: old?.entity_id ?? null, recordId: m.recordId },
    });
    moves.push({ entity_kind: m.entity_kind, record_key: m.record_key, entity_id: m.entity_id });
  }
  // Only a full run sees every record, so only it can tell that a record is gone from its source.
  const departed = all ? [...oldMembers].filter(([k]) => !members.has(k)).map(([, m]) => m) : [];
  for (const m of departed) {
    history.push({ action: 'unlink', actor: options.actor, entityKind: m.entity_kind, entityId: m.entity_id, recordKey: m.record_key, summary: 'the record is gone from its source', detail: { to: null } });
    touched.add(m.entity_id);
  }
  await upsertMembers(trx, moves);
  for (const kind of ['account', 'person'] as const) await deleteMembers(trx, kind, departed.filter((m) => m.entity_kind === kind).map((m) => m.record_key));
  if (all && (history.length > 0 || upserts.length > 0 || gone.length > 0)) {
    history.push({
      action: 'rebuild',
      actor: options.actor,
      entityKind: null,
      entityId: null,
      recordKey: null,
      summary: `${moves.length} records linked or moved, ${departed.length} gone, ${upserts.length} entities written, ${gone.length} removed`,
      detail: { moved: moves.length, departed: departed.length, entitiesWritten: upserts.length, entitiesRemoved: gone.length, ...options.report },
    });
  }
  await appendHistory(trx, history);

  return { changedRecordIds: changed.map((l) => l.recordId), touchedEntityIds: [...touched].sort(), moved: moves.length };
}
