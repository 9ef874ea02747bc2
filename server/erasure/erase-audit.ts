import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { ERASED, type ErasureKeys } from './erasure-digests.ts';
import type { ErasureTarget } from './find-person.ts';

/** `{ source, sourceId }` anywhere in a JSON value, with the erased ones named by their tombstone. */
function tombstoneRefs(value: unknown, tombOf: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => tombstoneRefs(v, tombOf));
  if (!value || typeof value !== 'object') return value;
  const object = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tombstoneRefs(v, tombOf)]));
  const tomb = typeof object.source === 'string' && typeof object.sourceId === 'string' ? tombOf.get(`${object.source}|${object.sourceId}`) : undefined;
  return tomb ? { ...object, sourceId: tomb } : object;
}

const tombs = (keys: ErasureKeys, target: ErasureTarget) => new Map(target.records.map((r) => [`${r.source}|${r.source_id}`, keys.tombstone(r.source, r.source_id)]));
const mentionsAny = (column: string, needles: readonly string[]) =>
  needles.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(needles.map((n) => sql`strpos(${sql.ref(column)}::text, ${n}) > 0`), sql` or `)})`;

/**
 * The audit log stays complete (who did what, when), without the person: the records a flag or an undo
 * names are tombstoned, an override's value and note on their entity become `[erased]`.
 */
export async function eraseAudit(trx: Kysely<Database>, keys: ErasureKeys, target: ErasureTarget): Promise<number> {
  const tombOf = tombs(keys, target);
  const rows = await trx
    .selectFrom('audit_log')
    .select(['id', 'action', 'subject', 'detail'])
    .where((eb) => eb.or([mentionsAny('detail', target.records.map((r) => r.source_id)), mentionsAny('subject', target.entityIds)]))
    .execute();
  let changed = 0;
  for (const row of rows) {
    let detail = tombstoneRefs(row.detail, tombOf) as Record<string, unknown> | null;
    if (row.action.startsWith('property.override') && target.entityIds.some((id) => row.subject?.startsWith(`${id}.`)) && detail) {
      detail = { ...detail, ...('value' in detail ? { value: ERASED } : {}), ...('note' in detail ? { note: null } : {}) };
    }
    if (JSON.stringify(detail) === JSON.stringify(row.detail)) continue;
    await trx.updateTable('audit_log').set({ detail: detail === null ? null : JSON.stringify(detail) }).where('id', '=', row.id).execute();
    changed++;
  }
  return changed;
}

/**
 * Stored responses to retried requests (a flag's, kept 30 days) that name the person's records or
 * entities are deleted: a response is a copy, and a retry now would find the records gone anyway.
 */
export async function eraseIdempotentResponses(trx: Kysely<Database>, keys: ErasureKeys, target: ErasureTarget): Promise<number> {
  const tombOf = tombs(keys, target);
  const entityIds = new Set(target.entityIds);
  const rows = await trx
    .selectFrom('idempotency_keys')
    .select(['token_id', 'key', 'body'])
    .where((eb) => eb.or([mentionsAny('body', target.records.map((r) => r.source_id)), mentionsAny('body', target.entityIds), mentionsAny('body', target.emails)]))
    .execute();
  const names = (body: unknown) => {
    const text = JSON.stringify(body);
    return text !== JSON.stringify(tombstoneRefs(body, tombOf)) || [...entityIds].some((id) => text.includes(`"${id}"`)) || target.emails.some((e) => text.toLowerCase().includes(e));
  };
  const doomed = rows.filter((r) => names(r.body));
  for (const r of doomed) await trx.deleteFrom('idempotency_keys').where('token_id', '=', r.token_id).where('key', '=', r.key).execute();
  return doomed.length;
}
