import type { Kysely } from 'kysely';
import { normaliseIdentifier, type Identifier } from '../../lib/contract/index.ts';
import type { Database } from '../store/schema.ts';

export type Resolution =
  | { status: 'none'; resolvedFrom: Identifier[] }
  | { status: 'matched'; accountId: string | null; personId: string | null; resolvedFrom: Identifier[] }
  | { status: 'ambiguous'; personId: string | null; candidateAccountIds: string[]; candidatePersonIds: string[]; resolvedFrom: Identifier[] };

/**
 * Finds the account and person behind a page's identifiers: each identifier leads to source records, and
 * the records to their entities. A person in several accounts (and nothing on the page to choose) is ambiguous.
 */
export async function resolveIdentifiers(db: Kysely<Database>, identifiers: readonly Identifier[]): Promise<Resolution> {
  const normal = identifiers.map(normaliseIdentifier).filter((i): i is Identifier => i !== null);
  if (normal.length === 0) return { status: 'none', resolvedFrom: [] };
  const hits = await db
    .selectFrom('record_identifiers as i')
    .innerJoin('source_records as r', 'r.id', 'i.record_id')
    .select(['i.type', 'i.value', 'r.person_entity_id', 'r.account_entity_id'])
    .where((eb) => eb.or(normal.map((id) => eb.and([eb('i.type', '=', id.type), eb('i.value', '=', id.value)]))))
    .execute();
  const resolvedFrom = normal.filter((id) => hits.some((h) => h.type === id.type && h.value === id.value));
  const people = [...new Set(hits.map((h) => h.person_entity_id).filter((x): x is string => x !== null))];
  const accounts = [...new Set(hits.map((h) => h.account_entity_id).filter((x): x is string => x !== null))];

  if (people.length === 0 && accounts.length === 0) return { status: 'none', resolvedFrom };
  if (people.length > 1 || accounts.length > 1) {
    return { status: 'ambiguous', personId: people.length === 1 ? people[0]! : null, candidateAccountIds: accounts, candidatePersonIds: people, resolvedFrom };
  }
  const personId = people[0] ?? null;
  if (accounts.length === 1 || personId === null) return { status: 'matched', accountId: accounts[0] ?? null, personId, resolvedFrom };

  const memberOf = await db
    .selectFrom('source_records')
    .select('account_entity_id')
    .distinct()
    .where('person_entity_id', '=', personId)
    .where('kind', 'in', ['users', 'memberships'])
    .where('account_entity_id', 'is not', null)
    .orderBy('account_entity_id')
    .execute();
  const accountIds = memberOf.map((m) => m.account_entity_id!);
  if (accountIds.length > 1) return { status: 'ambiguous', personId, candidateAccountIds: accountIds, candidatePersonIds: [], resolvedFrom };
  return { status: 'matched', accountId: accountIds[0] ?? null, personId, resolvedFrom };
}

