import pg from 'pg';
import type { FlagRequest } from '../../../lib/contract/identity.ts';

/**
 * People of the demo with at least two records (so a flag has something to split from), one record each
 * to flag: `count` distinct (person, record) pairs, after skipping `skip` of them (so several runs on one
 * store never flag the same person twice). Read from the store itself, before any flag.
 */
export async function flaggablePairs(databaseUrl: string, count: number, skip = 0): Promise<FlagRequest[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ entity_id: string; source: string; source_id: string }>(
      `select distinct on (l.entity_id) l.entity_id, r.source, r.source_id
         from entity_links l join source_records r on r.id = l.record_id
        where l.entity_kind = 'person'
          and l.entity_id in (select entity_id from entity_links where entity_kind = 'person' group by entity_id having count(*) >= 2)
        order by l.entity_id, r.source desc, r.source_id desc
       offset $1 limit $2`,
      [skip, count],
    );
    if (rows.length < count) throw new Error(`The demo has only ${rows.length + skip} people with two records, not ${count + skip}.`);
    return rows.map((r) => ({ record: { source: r.source, sourceId: r.source_id }, entity: { kind: 'person', id: r.entity_id } }));
  } finally {
    await client.end();
  }
}

/** What the outbox said about one flag: its entry (the idempotency key) and the backend's answer. */
export interface SentFlag {
  request: FlagRequest;
  outboxId: string;
  flagId: string | null;
}

export interface StoredCheck {
  problems: string[];
  /** Flag rows in the store (but those of `earlier` runs), and idempotency keys of the sent flags. */
  flagRows: number;
  keys: number;
}

const pairKey = ({ entity, record }: FlagRequest) => `${entity.id}|${record.source}|${record.sourceId}`;

/**
 * Every flag stored exactly once: one applied row per (person, record), no other flag rows in the store
 * (but the `earlier` ones, made before this run),
 * one idempotency key per outbox entry answering with that very row, and the precomputed contexts (what
 * `POST /v1/lookup` serves) showing the split: the person without the record, the split entity with it.
 */
export async function checkStoredOnce(databaseUrl: string, sent: SentFlag[], earlier: ReadonlySet<string> = new Set()): Promise<StoredCheck> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const problems: string[] = [];
    const flags = await client.query<{ id: string; entity_id: string; split_entity_id: string; record_source: string; record_source_id: string; status: string }>(
      'select id, entity_id, split_entity_id, record_source, record_source_id, status from identity_flags where not (id = any($1))',
      [[...earlier]],
    );
    const rowsOf = Map.groupBy(flags.rows, (r) => `${r.entity_id}|${r.record_source}|${r.record_source_id}`);
    const ours = new Set(sent.map((s) => pairKey(s.request)));
    for (const [key, rows] of rowsOf) if (!ours.has(key)) problems.push(`a flag nobody sent: ${key} (${rows.length} rows)`);
    const keys = await client.query<{ key: string; status: number; flag_id: string }>(
      "select key, status, body->>'id' as flag_id from idempotency_keys where key = any($1)",
      [sent.map((s) => s.outboxId)],
    );
    const keyOf = new Map(keys.rows.map((k) => [k.key, k]));
    const contexts = await client.query<{ entity_id: string; records: string[] }>(
      "select entity_id, array(select m->>'source' || '|' || (m->>'sourceId') from jsonb_array_elements(body->'matches') m) as records from entity_context where entity_id = any($1)",
      [[...sent.map((s) => s.request.entity.id), ...flags.rows.map((f) => f.split_entity_id)]],
    );
    const contextOf = new Map(contexts.rows.map((c) => [c.entity_id, new Set(c.records)]));
    for (const { request, outboxId, flagId } of sent) {
      const rows = rowsOf.get(pairKey(request)) ?? [];
      const label = `${request.entity.id} / ${request.record.source}:${request.record.sourceId}`;
      if (rows.length !== 1) problems.push(`${label}: ${rows.length} flag rows`);
      const row = rows[0];
      if (!row) continue;
      if (row.status !== 'applied') problems.push(`${label}: ${row.status}`);
      if (flagId !== row.id) problems.push(`${label}: the outbox holds ${flagId}, the store ${row.id}`);
      const key = keyOf.get(outboxId);
      if (!key) problems.push(`${label}: no idempotency key ${outboxId}`);
      else if (key.flag_id !== row.id) problems.push(`${label}: key ${outboxId} answers ${key.flag_id}, not ${row.id}`);
      const record = `${request.record.source}|${request.record.sourceId}`;
      if (contextOf.get(request.entity.id)?.has(record) !== false) problems.push(`${label}: the person's context still lists the record (or has none)`);
      if (contextOf.get(row.split_entity_id)?.has(record) !== true) problems.push(`${label}: the split entity's context does not list the record (or is missing)`);
    }
    return { problems, flagRows: flags.rows.length, keys: keys.rows.length };
  } finally {
    await client.end();
  }
}

/** The ids of the flags in the store now: a run checks only the flags made after. */
export async function flagIdsIn(databaseUrl: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return new Set((await client.query<{ id: string }>('select id from identity_flags')).rows.map((r) => r.id));
  } finally {
    await client.end();
  }
}
