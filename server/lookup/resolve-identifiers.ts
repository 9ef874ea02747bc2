import { sql, type Kysely } from 'kysely';
import { normaliseIdentifier, type Flag, type Identifier } from '../../lib/contract/index.ts';
import type { EntityBody } from '../context/entity-body.ts';
import { toFlag, type FlagRow } from '../identity/list-flags.ts';
import { runPrepared } from '../store/prepared.ts';
import type { Database } from '../store/schema.ts';

export type Resolution =
  | { status: 'none'; resolvedFrom: Identifier[] }
  | { status: 'matched'; accountId: string | null; personId: string | null; resolvedFrom: Identifier[] }
  | { status: 'ambiguous'; personId: string | null; candidateAccountIds: string[]; candidatePersonIds: string[]; resolvedFrom: Identifier[] };

interface Hit {
  type: string;
  value: string;
  person: string | null;
  account: string | null;
}

/** Emails and domains can be shared (a team alias, a parent company's domain); a record id names one record. */
const SHAREABLE_TYPES: ReadonlySet<string> = new Set(['email', 'domain']);

/**
 * The people (or accounts) the hits name, trusting record ids over shareable values: a Zendesk ticket's
 * requester decides who the person is even when the requester's email also sits on someone else's record.
 */
function decisive(hits: readonly Hit[], side: 'person' | 'account'): string[] {
  const named = (from: readonly Hit[]) => [...new Set(from.map((h) => h[side]).filter((x): x is string => x !== null))];
  const byRecordId = named(hits.filter((h) => !SHAREABLE_TYPES.has(h.type)));
  return byRecordId.length > 0 ? byRecordId : named(hits);
}

/**
 * Decides who a page's identifiers name: each identifier led to source records (`hits`), each record to
 * its person and account. One person and one account: matched. Several: ambiguous. A person alone is
 * matched with their account when they belong to exactly one (`accountsOfPerson`), else ambiguous.
 */
export function decideResolution(normal: readonly Identifier[], hits: readonly Hit[], accountsOfPerson: (personId: string) => readonly string[]): Resolution {
  const resolvedFrom = normal.filter((id) => hits.some((h) => h.type === id.type && h.value === id.value));
  const people = decisive(hits, 'person');
  const accounts = decisive(hits, 'account');
  if (people.length === 0 && accounts.length === 0) return { status: 'none', resolvedFrom };
  if (people.length > 1 || accounts.length > 1) {
    return { status: 'ambiguous', personId: people.length === 1 ? people[0]! : null, candidateAccountIds: accounts, candidatePersonIds: people, resolvedFrom };
  }
  const personId = people[0] ?? null;
  if (accounts.length === 1 || personId === null) return { status: 'matched', accountId: accounts[0] ?? null, personId, resolvedFrom };
  const accountIds = accountsOfPerson(personId);
  if (accountIds.length > 1) return { status: 'ambiguous', personId, candidateAccountIds: [...accountIds], candidatePersonIds: [], resolvedFrom };
  return { status: 'matched', accountId: accountIds[0] ?? null, personId, resolvedFrom };
}

/**
 * The lookup's reads in one round trip (the budget allows about 1 ms of CPU per lookup): the records
 * behind the identifiers, the accounts of the people found, the precomputed bodies of every entity
 * involved (candidates included, for their names) and the flags in force on them.
 */
export async function loadLookup(
  db: Kysely<Database>,
  identifiers: readonly Identifier[],
): Promise<{ resolution: Resolution; bodies: Map<string, EntityBody>; flags: Flag[] }> {
  const normal = identifiers.map(normaliseIdentifier).filter((i): i is Identifier => i !== null);
  if (normal.length === 0) return { resolution: { status: 'none', resolvedFrom: [] }, bodies: new Map(), flags: [] };
  const rows = await runPrepared(db, `sidelight_lookup_${normal.length}`, lookupQuery(normal).compile(db));
  const row = rows[0]!;
  const memberships = row.memberships ?? [];
  const resolution = decideResolution(normal, row.hits ?? [], (personId) => memberships.filter((m) => m.person === personId).map((m) => m.account));
  const flags = (row.flags ?? []).map((f) => toFlag({ ...f, created_at: new Date(f.created_at), undone_at: f.undone_at ? new Date(f.undone_at) : null, prior_links: [] }));
  return { resolution, bodies: new Map(Object.entries(row.bodies ?? {})), flags };
}

/** A flag row as `json_agg` renders it: timestamps as text. */
type FlagJson = Omit<FlagRow, 'created_at' | 'undone_at' | 'prior_links'> & { created_at: string; undone_at: string | null };

/** The single statement behind `loadLookup`, for normalised identifiers (exported for the benchmark's baseline). */
export function lookupQuery(normal: readonly Identifier[]) {
  const pairs = sql.join(normal.map((id) => sql`(${id.type}, ${id.value})`));
  return sql<{
    hits: Hit[] | null;
    memberships: { person: string; account: string }[] | null;
    bodies: Record<string, EntityBody> | null;
    flags: FlagJson[] | null;
  }>`
    with hits as (
      select i.type, i.value, r.person_entity_id as person, r.account_entity_id as account
      from record_identifiers i join source_records r on r.id = i.record_id
      where (i.type, i.value) in (${pairs})
    ),
    memberships as (
      select distinct s.person_entity_id as person, s.account_entity_id as account
      from source_records s
      where s.person_entity_id in (select person from hits where person is not null)
        and s.kind in ('users', 'memberships') and s.account_entity_id is not null
    ),
    involved as (select person as id from hits union select account from hits union select account from memberships)
    select
      (select json_agg(h) from hits h) as hits,
      (select json_agg(m order by m.account) from memberships m) as memberships,
      (select json_object_agg(c.entity_id, c.body) from entity_context c where c.entity_id in (select id from involved)) as bodies,
      (select json_agg(f order by f.created_at desc, f.id desc) from (
        select id, status, record_source, record_source_id, entity_kind, entity_id, split_entity_id, note, created_by, created_at,
          undone_at, review_item_id
        from identity_flags
        where status = 'applied' and (entity_id in (select id from involved) or split_entity_id in (select id from involved))) f) as flags`;
}

/** The accounts a person belongs to: through memberships, or the account their own records name. */
export async function accountsOfPerson(db: Kysely<Database>, personId: string): Promise<string[]> {
  const memberOf = await db
    .selectFrom('source_records')
    .select('account_entity_id')
    .distinct()
    .where('person_entity_id', '=', personId)
    .where('kind', 'in', ['users', 'memberships'])
    .where('account_entity_id', 'is not', null)
    .orderBy('account_entity_id')
    .execute();
  return memberOf.map((m) => m.account_entity_id!);
}
