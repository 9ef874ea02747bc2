import { sql, type Kysely } from 'kysely';
import { normaliseDomain, normaliseEmail, normaliseIdentifier } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { recordIdType } from '../config/source-apps.ts';
import type { Database } from '../store/schema.ts';
import { resolveExact, type IdentityRecord } from './resolve-exact.ts';
import { pickValue } from './survivorship.ts';

const BATCH = 5000;

/** The key other sources use for a record of `source`: Salesforce ids compare in their 18-char form. */
function matchKeyFor(config: SidelightConfig, source: string, kind: 'accounts' | 'users', id: string): string {
  const app = config.sources[source]?.app ?? 'other';
  const type = recordIdType(app, kind);
  return (type && normaliseIdentifier({ type, value: id })?.value) || id.trim();
}

/** What tells an entity apart at a glance: an account's domain, a person's email. */
function detailOf(kind: 'account' | 'person', payload: Record<string, unknown>): string | null {
  const value = kind === 'account' ? payload.domain : payload.email;
  if (typeof value !== 'string') return null;
  return kind === 'account' ? normaliseDomain(value) : normaliseEmail(value);
}

/**
 * Rebuilds account and person entities from the synced records with the exact rules, then points every
 * activity record (tickets, memberships, events…) at the entities of the records it refers to.
 */
export async function rebuildEntities(db: Kysely<Database>, config: SidelightConfig): Promise<{ accounts: number; people: number; durationMs: number }> {
  const started = performance.now();
  const rows = await db
    .selectFrom('source_records')
    .select(['id', 'model', 'source', 'kind', 'source_id', 'same_as', 'payload', 'observed_at'])
    .where('kind', 'in', ['accounts', 'users'])
    .orderBy('id')
    .execute();
  const columnOf = new Map(config.models.flatMap((m) => m.sameAs.map((s) => [`${m.name}|${s.source}`, s.column] as const)));

  const records: IdentityRecord[] = rows.map((row) => {
    const kind = row.kind as 'accounts' | 'users';
    return {
      recordId: row.id,
      entityKind: kind === 'accounts' ? 'account' : 'person',
      source: row.source,
      sourceId: row.source_id,
      matchKey: matchKeyFor(config, row.source, kind, row.source_id),
      email: typeof row.payload.email === 'string' ? row.payload.email : null,
      sameAs: row.same_as.map((ref) => ({
        source: ref.source,
        key: matchKeyFor(config, ref.source, kind, ref.id),
        column: columnOf.get(`${row.model}|${ref.source}`) ?? 'a shared id',
      })),
    };
  });
  const links = resolveExact(records);

  // Name each entity from its members, trusting systems in the order the "name" property declares.
  const systemOf = (source: string) => config.sources[source]?.system ?? 'other';
  const members = new Map<string, { kind: 'account' | 'person'; values: { name: unknown; detail: unknown; system: string; observedAt: Date }[] }>();
  links.forEach((link, i) => {
    const row = rows[i]!;
    const entry = members.get(link.entityId) ?? { kind: link.entityKind, values: [] };
    entry.values.push({
      name: row.payload.name ?? (link.entityKind === 'person' ? row.payload.email : null),
      detail: detailOf(link.entityKind, row.payload),
      system: systemOf(row.source),
      observedAt: row.observed_at,
    });
    members.set(link.entityId, entry);
  });
  const priorityOf = (entity: 'account' | 'person') =>
    config.properties.find((p) => p.entity === entity && p.key === 'name')?.priority ?? ['crm', 'billing', 'product', 'support', 'other'];
  const entities = [...members].map(([id, { kind, values }]) => {
    const priority = priorityOf(kind);
    const name = pickValue(values.map((v) => ({ value: v.name, system: v.system, observedAt: v.observedAt })), priority);
    const detail = pickValue(values.map((v) => ({ value: v.detail, system: v.system, observedAt: v.observedAt })), priority);
    return { id, kind, name: String(name?.value ?? id).trim(), detail: detail ? String(detail.value) : null };
  });

  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('entity_links').execute();
    await trx.deleteFrom('entities').execute();
    for (let i = 0; i < entities.length; i += BATCH) {
      await trx.insertInto('entities').values(entities.slice(i, i + BATCH)).execute();
    }
    for (let i = 0; i < links.length; i += BATCH) {
      await trx
        .insertInto('entity_links')
        .values(
          links.slice(i, i + BATCH).map((l) => ({
            record_id: l.recordId,
            entity_id: l.entityId,
            entity_kind: l.entityKind,
            rule: l.rule,
            score: 1,
            explanation: l.explanation,
            decided_by: 'system',
          })),
        )
        .execute();
    }
    // Every record's person and account: its own link for people and accounts, else the entity of the record
    // it refers to in its own source. Only rows whose answer changed are written, so a re-sync with stable
    // entities rewrites almost nothing.
    await sql`update source_records r set person_entity_id = n.person_id, account_entity_id = n.account_id
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
      ) n
      where r.id = n.id
        and (r.person_entity_id is distinct from n.person_id or r.account_entity_id is distinct from n.account_id)`.execute(trx);
    // A ticket that names its requester only by email still finds the person.
    await sql`update source_records r set person_entity_id = (
        select s.person_entity_id from record_identifiers i join source_records s on s.id = i.record_id
        where i.type = 'email' and i.value = lower(trim(r.payload->>'requester_email')) and s.person_entity_id is not null
        order by s.id limit 1)
      where r.person_entity_id is null and r.kind in ('tickets', 'conversations') and r.payload->>'requester_email' is not null`.execute(trx);
  });
  return {
    accounts: entities.filter((e) => e.kind === 'account').length,
    people: entities.filter((e) => e.kind === 'person').length,
    durationMs: Math.round(performance.now() - started),
  };
}
