import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * Points every record's person and account at entities: its own link for people and accounts, else the
 * entity of the record it refers to in its own source; a ticket naming its requester only by email finds
 * the person through the email. Only rows whose answer changed are written, so a re-sync with stable
 * entities rewrites almost nothing. `scope` limits the work to the given records and every record that
 * points at one of the given entities (after a flag, an undo or a decision).
 */
export async function pointActivityRecords(trx: Kysely<Database>, scope?: { recordIds: readonly number[]; entityIds: readonly string[] }): Promise<void> {
  if (scope) return pointScoped(trx, scope);
  // Every record at once: the (source, kind, source_id) -> entity maps are built once as derived tables and
  // hash-joined, where a subquery per row took minutes at a million rows.
  await sql`update source_records r set person_entity_id = n.person_id, account_entity_id = n.account_id
    from (
      select r.id,
        case when r.kind = 'users' then self.entity_id else people.entity_id end as person_id,
        case when r.kind = 'accounts' then self.entity_id else accounts.entity_id end as account_id
      from source_records r
      left join entity_links self on self.record_id = r.id
      left join (${entityBySourceId('users')}) people on r.kind <> 'users' and people.source = r.source and people.source_id = r.person_ref
      left join (${entityBySourceId('accounts')}) accounts on r.kind <> 'accounts' and accounts.source = r.source and accounts.source_id = r.account_ref
    ) n
    where r.id = n.id
      and (r.person_entity_id is distinct from n.person_id or r.account_entity_id is distinct from n.account_id)`.execute(trx);
  await sql`update source_records r set person_entity_id = byEmail.person_entity_id
    from (
      select distinct on (i.value) i.value, s.person_entity_id
      from record_identifiers i join source_records s on s.id = i.record_id
      where i.type = 'email' and s.person_entity_id is not null
      order by i.value, s.id
    ) byEmail
    where r.person_entity_id is null and r.kind in ('tickets', 'conversations')
      and byEmail.value = lower(trim(r.payload->>'requester_email'))`.execute(trx);
}

/** The entity of each record of a kind by its id in its source; the first record (by store id) when a source repeats an id. */
const entityBySourceId = (kind: 'users' | 'accounts') =>
  sql`select distinct on (t.source, t.source_id) t.source, t.source_id, l.entity_id
    from source_records t join entity_links l on l.record_id = t.id
    where t.kind = ${kind} order by t.source, t.source_id, t.id`;

/** A few entities' records: index lookups per row beat building the maps over the whole store. */
async function pointScoped(trx: Kysely<Database>, scope: { recordIds: readonly number[]; entityIds: readonly string[] }): Promise<void> {
  const within = sql`where r.id = any(${[...scope.recordIds]}::bigint[]) or r.person_entity_id = any(${[...scope.entityIds]}::text[]) or r.account_entity_id = any(${[...scope.entityIds]}::text[])`;
  const repointed = await sql<{ id: number }>`update source_records r set person_entity_id = n.person_id, account_entity_id = n.account_id
    from (
      select r.id,
        case when r.kind = 'users' then self.entity_id else (
          select l.entity_id from source_records t join entity_links l on l.record_id = t.id
          where r.person_ref is not null and t.source = r.source and t.kind = 'users' and t.source_id = r.person_ref
          order by t.id limit 1) end as person_id,
        case when r.kind = 'accounts' then self.entity_id else (
          select l.entity_id from source_records t join entity_links l on l.record_id = t.id
          where r.account_ref is not null and t.source = r.source and t.kind = 'accounts' and t.source_id = r.account_ref
          order by t.id limit 1) end as account_id
      from source_records r left join entity_links self on self.record_id = r.id
      ${within}
    ) n
    where r.id = n.id
      and (r.person_entity_id is distinct from n.person_id or r.account_entity_id is distinct from n.account_id)
    returning r.id`.execute(trx);
  if (repointed.rows.length === 0) return;
  await sql`update source_records r set person_entity_id = (
      select s.person_entity_id from record_identifiers i join source_records s on s.id = i.record_id
      where i.type = 'email' and i.value = lower(trim(r.payload->>'requester_email')) and s.person_entity_id is not null
      order by s.id limit 1)
    where r.person_entity_id is null and r.kind in ('tickets', 'conversations') and r.payload->>'requester_email' is not null
      and r.id = any(${repointed.rows.map((r) => r.id)}::bigint[])`.execute(trx);
}
