import { sql, type Kysely } from 'kysely';
import { normaliseEmail } from '../../lib/contract/index.ts';
import type { Database } from '../store/schema.ts';

/** Whom an erasure request names: an email address, or a person entity. */
export type ErasureSubject = { email: string } | { personId: string };

export interface PersonRecord {
  id: number;
  model: string;
  source: string;
  kind: string;
  source_id: string;
  email: string | null;
}

export interface ErasureTarget {
  /** The person entities holding the records now. */
  entityIds: string[];
  /** Their person records (contacts, users, requesters), and records with the email that link to no one. */
  records: PersonRecord[];
  /** Every normalised address on those records, and the one asked for. */
  emails: string[];
}

/**
 * The person an erasure is about. By email: every person entity one of whose records carries the address
 * (a flagged record split off is a second entity of the same person), with all their records; by id: the
 * entity's records. Null for an unknown or non-person entity id; an email nobody has gives an empty target,
 * which is still remembered so no sync brings it in later.
 */
export async function findErasureTarget(db: Kysely<Database>, subject: ErasureSubject): Promise<ErasureTarget | null> {
  let entityIds: string[];
  let seedRecordIds: number[] = [];
  const asked = 'email' in subject ? normaliseEmail(subject.email) : null;
  if ('personId' in subject) {
    const entity = await db.selectFrom('entities').select('id').where('id', '=', subject.personId).where('kind', '=', 'person').executeTakeFirst();
    if (!entity) return null;
    entityIds = [entity.id];
  } else {
    const found = await db
      .selectFrom('record_identifiers as i')
      .leftJoin('entity_links as l', 'l.record_id', 'i.record_id')
      .select(['i.record_id', 'l.entity_id', 'l.entity_kind'])
      .where('i.type', '=', 'email')
      .where('i.value', '=', asked ?? '')
      .execute();
    seedRecordIds = found.map((f) => f.record_id);
    entityIds = [...new Set(found.filter((f) => f.entity_kind === 'person').map((f) => f.entity_id!))].sort();
  }
  const records = await db
    .selectFrom('source_records as r')
    .select(['r.id', 'r.model', 'r.source', 'r.kind', 'r.source_id', sql<string | null>`r.payload->>'email'`.as('email')])
    .where('r.kind', '=', 'users')
    .where((eb) =>
      eb.or([
        eb('r.id', 'in', db.selectFrom('entity_links').select('record_id').where(sql<boolean>`entity_id = any(${entityIds}::text[])`)),
        sql<boolean>`r.id = any(${seedRecordIds}::bigint[])`,
      ]),
    )
    .orderBy('r.id')
    .execute();
  const emails = new Set(records.flatMap((r) => (r.email ? [normaliseEmail(r.email)] : [])).filter((e): e is string => e !== null));
  if (asked) emails.add(asked);
  return { entityIds, records, emails: [...emails].sort() };
}
