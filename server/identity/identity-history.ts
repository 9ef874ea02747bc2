import { sql, type Kysely } from 'kysely';
import type { HistoryEvent } from '../../lib/contract/index.ts';
import type { Database } from '../store/schema.ts';
import { parseRecordKey, type EntityKind } from './record-keys.ts';

const CHUNK = 50_000;

export interface HistoryRow {
  action: HistoryEvent['action'];
  actor: string;
  entityKind: EntityKind | null;
  entityId: string | null;
  recordKey: string | null;
  /** A sentence for people; ids and decisions only, never a personal value (erasure keeps the history). */
  summary: string;
  detail: Record<string, unknown>;
}

/** Appends to the identity history (one array parameter per column); nothing updates or deletes a row of it. */
export async function appendHistory(trx: Kysely<Database>, rows: readonly HistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const c = rows.slice(i, i + CHUNK);
    await sql`insert into identity_history (action, actor, entity_kind, entity_id, record_key, summary, detail)
      select * from unnest(${c.map((r) => r.action)}::text[], ${c.map((r) => r.actor)}::text[], ${c.map((r) => r.entityKind)}::text[],
        ${c.map((r) => r.entityId)}::text[], ${c.map((r) => r.recordKey)}::text[], ${c.map((r) => r.summary)}::text[],
        ${c.map((r) => JSON.stringify(r.detail))}::jsonb[])`.execute(trx);
  }
}

/** Times go out with millisecond precision, PostgreSQL keeps microseconds: an event shown at T is "as of T". */
const atOrBefore = (asOf: Date) => sql<boolean>`date_trunc('milliseconds', at) <= ${asOf}`;

export interface EntityHistoryResult {
  events: HistoryEvent[];
  members: { source: string; sourceId: string; linkedAt: string }[];
  /** False when no entity and no event has this id. */
  known: boolean;
}

/**
 * An entity's events up to `asOf`, newest first, and its members at `asOf` replayed from its link and
 * unlink events in the order they were written.
 */
export async function loadEntityHistory(db: Kysely<Database>, entityId: string, asOf: Date, limit: number): Promise<EntityHistoryResult> {
  const events = await db
    .selectFrom('identity_history')
    .selectAll()
    .where('entity_id', '=', entityId)
    .where(atOrBefore(asOf))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const moves = await db
    .selectFrom('identity_history')
    .select(['action', 'record_key', 'at'])
    .where('entity_id', '=', entityId)
    .where('action', 'in', ['link', 'unlink'])
    .where(atOrBefore(asOf))
    .orderBy('id')
    .execute();
  const members = new Map<string, Date>();
  for (const m of moves) {
    if (m.record_key === null) continue;
    if (m.action === 'link') members.set(m.record_key, m.at);
    else members.delete(m.record_key);
  }
  const known =
    events.length > 0 ||
    (await sql<{ known: boolean }>`select exists (select 1 from identity_history where entity_id = ${entityId}) or exists (select 1 from entities where id = ${entityId}) as known`.execute(db)).rows[0]!.known;
  return {
    known,
    events: events.map((e) => ({
      id: String(e.id),
      at: e.at.toISOString(),
      action: e.action,
      actor: e.actor,
      entityId: e.entity_id,
      record: e.record_key === null ? null : parseRecordKey(e.record_key),
      detail: e.summary,
    })),
    members: [...members]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, at]) => ({ ...parseRecordKey(key), linkedAt: at.toISOString() })),
  };
}
