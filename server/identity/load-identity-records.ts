import { sql, type Kysely } from 'kysely';
import { normaliseIdentifier } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { recordIdType } from '../config/source-apps.ts';
import type { Database } from '../store/schema.ts';
import { entityKindOf } from './record-keys.ts';
import type { IdentityRecord } from './resolve-exact.ts';

export interface IdentityRow {
  id: number;
  model: string;
  source: string;
  kind: string;
  source_id: string;
  /** The payload fields identity reads (names, entity details); not the whole row. */
  payload: { name?: unknown; email?: unknown; domain?: unknown };
  observed_at: Date;
}

/** The key other sources use for a record of `source`: Salesforce ids compare in their 18-char form. */
function matchKeyFor(config: SidelightConfig, source: string, kind: 'accounts' | 'users', id: string): string {
  const app = config.sources[source]?.app ?? 'other';
  const type = recordIdType(app, kind);
  return (type && normaliseIdentifier({ type, value: id })?.value) || id.trim();
}

const text = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value);

/**
 * The account and person records to resolve, in store order (which the resolution's determinism rests on):
 * all of them, or the given ones. Only the payload fields identity compares are read (a million payloads
 * parsed whole would cost more than the resolution). A full load also gathers each person's accounts from
 * memberships, an attribute of the probabilistic pass.
 */
export async function loadIdentityRecords(
  db: Kysely<Database>,
  config: SidelightConfig,
  recordIds?: readonly number[],
): Promise<{ rows: IdentityRow[]; records: IdentityRecord[] }> {
  if (recordIds && recordIds.length === 0) return { rows: [], records: [] };
  const within = recordIds ? sql`and id = any(${[...recordIds]}::bigint[])` : sql``;
  const loaded = await sql<{
    id: number;
    model: string;
    source: string;
    kind: 'accounts' | 'users';
    source_id: string;
    same_as: { source: string; id: string }[];
    observed_at: Date;
    account_ref: string | null;
    name: string | null;
    email: string | null;
    domain: string | null;
    phone: string | null;
    parent_id: string | null;
  }>`select id, model, source, kind, source_id, same_as, observed_at, account_ref,
      payload->>'name' as name, payload->>'email' as email, payload->>'domain' as domain, payload->>'phone' as phone, payload->>'parent_id' as parent_id
    from source_records where kind in ('accounts', 'users') ${within} order by id`.execute(db);
  const memberships = recordIds ? new Map<string, string[]>() : await loadMemberships(db);
  const columnOf = new Map(config.models.flatMap((m) => m.sameAs.map((s) => [`${m.name}|${s.source}`, s.column] as const)));
  const rows: IdentityRow[] = [];
  const records = loaded.rows.map((row): IdentityRecord => {
    const kind = row.kind;
    rows.push({
      id: row.id,
      model: row.model,
      source: row.source,
      kind,
      source_id: row.source_id,
      payload: { name: row.name ?? undefined, email: row.email ?? undefined, domain: row.domain ?? undefined },
      observed_at: row.observed_at,
    });
    const accountRefs = kind === 'users' ? [...(row.account_ref ? [row.account_ref] : []), ...(memberships.get(`${row.source}|${row.source_id}`) ?? [])] : [];
    return {
      recordId: row.id,
      entityKind: entityKindOf(kind),
      source: row.source,
      sourceId: row.source_id,
      matchKey: matchKeyFor(config, row.source, kind, row.source_id),
      email: row.email,
      sameAs: row.same_as.map((ref) => ({
        source: ref.source,
        key: matchKeyFor(config, ref.source, kind, ref.id),
        column: columnOf.get(`${row.model}|${ref.source}`) ?? 'a shared id',
      })),
      domain: text(row.domain),
      company: kind === 'accounts' && config.sources[row.source]?.system === 'crm',
      parentKey: kind === 'accounts' && text(row.parent_id) ? matchKeyFor(config, row.source, kind, row.parent_id!) : null,
      name: text(row.name),
      phone: text(row.phone),
      accountRefs,
    };
  });
  return { rows, records };
}

/** Accounts each person belongs to through memberships (a product user's workspaces), by `source|user id`. */
async function loadMemberships(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const found = await sql<{ source: string; person_ref: string; account_ref: string }>`
    select source, person_ref, account_ref from source_records
    where kind = 'memberships' and person_ref is not null and account_ref is not null order by id`.execute(db);
  const out = new Map<string, string[]>();
  for (const m of found.rows) {
    const k = `${m.source}|${m.person_ref}`;
    const list = out.get(k);
    if (list) list.push(m.account_ref);
    else out.set(k, [m.account_ref]);
  }
  return out;
}
