import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { EntityKind } from './record-keys.ts';

/**
 * Bulk writes of the resolution tables: one array parameter per column, expanded with unnest. A first
 * build writes every link, entity and membership; multi-row VALUES would send eight parameters a row.
 */
const CHUNK = 50_000;

async function inChunks<T>(rows: readonly T[], write: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export interface LinkWrite {
  record_id: number;
  entity_id: string;
  entity_kind: EntityKind;
  rule: string;
  score: number;
  explanation: string;
  decided_by: string;
  /** ISO or PostgreSQL text. */
  decided_at: string;
}

export const upsertLinks = (trx: Kysely<Database>, rows: readonly LinkWrite[]) =>
  inChunks(rows, (c) =>
    sql`insert into entity_links (record_id, entity_id, entity_kind, rule, score, explanation, decided_by, decided_at)
      select * from unnest(${c.map((r) => r.record_id)}::bigint[], ${c.map((r) => r.entity_id)}::text[], ${c.map((r) => r.entity_kind)}::text[],
        ${c.map((r) => r.rule)}::text[], ${c.map((r) => r.score)}::real[], ${c.map((r) => r.explanation)}::text[], ${c.map((r) => r.decided_by)}::text[],
        ${c.map((r) => r.decided_at)}::timestamptz[])
      on conflict (record_id) do update set entity_id = excluded.entity_id, entity_kind = excluded.entity_kind, rule = excluded.rule,
        score = excluded.score, explanation = excluded.explanation, decided_by = excluded.decided_by, decided_at = excluded.decided_at`.execute(trx),
  );

/**
 * The search's trigram indexes on entity names and details (as migration 2026-11-25-004 made them). A GIN
 * index grows by one posting per trigram of every row written, which made it the costliest part of a first
 * build; built afresh over the finished table it costs a fraction of that.
 */
const SEARCH_INDEXES = [
  sql`create index entities_name_trgm_idx on entities using gin (lower(name) gin_trgm_ops)`,
  sql`create index entities_detail_trgm_idx on entities using gin (lower(detail) gin_trgm_ops)`,
];

/** Upserts entities; a write of more rows than the table holds (a first build) rebuilds the search indexes after it instead. */
export async function upsertEntities(
  trx: Kysely<Database>,
  rows: readonly { id: string; kind: EntityKind; name: string; detail: string | null }[],
  at: string,
  { existing }: { existing: number },
): Promise<void> {
  // Dropping takes the table's exclusive lock until the transaction ends: only worth it when the table is
  // being filled, not changed (readers of an empty table lose nothing by waiting).
  const bulk = rows.length >= 10_000 && rows.length > existing;
  if (bulk) {
    await sql`drop index if exists entities_name_trgm_idx`.execute(trx);
    await sql`drop index if exists entities_detail_trgm_idx`.execute(trx);
  }
  await writeEntities(trx, rows, at);
  if (bulk) for (const create of SEARCH_INDEXES) await create.execute(trx);
}

const writeEntities = (trx: Kysely<Database>, rows: readonly { id: string; kind: EntityKind; name: string; detail: string | null }[], at: string) =>
  inChunks(rows, (c) =>
    sql`insert into entities (id, kind, name, detail, updated_at)
      select id, kind, name, detail, ${at}::timestamptz from unnest(${c.map((r) => r.id)}::text[], ${c.map((r) => r.kind)}::text[], ${c.map((r) => r.name)}::text[], ${c.map((r) => r.detail)}::text[]) as e(id, kind, name, detail)
      on conflict (id) do update set kind = excluded.kind, name = excluded.name, detail = excluded.detail, updated_at = excluded.updated_at`.execute(trx),
  );

export const upsertMembers = (trx: Kysely<Database>, rows: readonly { entity_kind: EntityKind; record_key: string; entity_id: string }[]) =>
  inChunks(rows, (c) =>
    sql`insert into identity_members (entity_kind, record_key, entity_id)
      select * from unnest(${c.map((r) => r.entity_kind)}::text[], ${c.map((r) => r.record_key)}::text[], ${c.map((r) => r.entity_id)}::text[])
      on conflict (entity_kind, record_key) do update set entity_id = excluded.entity_id`.execute(trx),
  );

export const deleteLinks = (trx: Kysely<Database>, recordIds: readonly number[]) =>
  inChunks(recordIds, (c) => sql`delete from entity_links where record_id = any(${[...c]}::bigint[])`.execute(trx));

export const deleteEntities = (trx: Kysely<Database>, ids: readonly string[]) =>
  inChunks(ids, (c) => sql`delete from entities where id = any(${[...c]}::text[])`.execute(trx));

export const deleteMembers = (trx: Kysely<Database>, kind: EntityKind, keys: readonly string[]) =>
  inChunks(keys, (c) => sql`delete from identity_members where entity_kind = ${kind} and record_key = any(${[...c]}::text[])`.execute(trx));
