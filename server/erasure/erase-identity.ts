import { sql, type Kysely } from 'kysely';
import type { Database, PriorLink } from '../store/schema.ts';
import { appendHistory } from '../identity/identity-history.ts';
import { probablePartner } from '../identity/describe-probable-link.ts';
import { splitExplanation } from '../identity/load-constraints.ts';
import { ERASED, type ErasureKeys } from './erasure-digests.ts';
import type { ErasureTarget } from './find-person.ts';

export interface IdentityErased {
  history: number;
  members: number;
  constraints: number;
  flags: number;
}

/**
 * The person's identity decisions stay (they are what makes the next run honour a flag or a merge), with
 * their records named by tombstones (`crm|erased:…`) instead of source ids; a flag's note (a person's
 * words about them) and the explanations of the links it kept for its undo go. An `unlink` event per
 * record says the record was erased. Entity ids stay: they are opaque and the history is told by them.
 */
export async function eraseIdentity(trx: Kysely<Database>, keys: ErasureKeys, target: ErasureTarget, erasure: { id: number; actor: string }): Promise<IdentityErased> {
  const renames = target.records.map((r) => ({ key: `${r.source}|${r.source_id}`, tomb: `${r.source}|${keys.tombstone(r.source, r.source_id)}` }));
  const tombOf = new Map(renames.map((r) => [r.key, r.tomb]));
  const recordKeys = [...tombOf.keys()];
  const renamesJson = JSON.stringify(renames);

  const members = await trx
    .deleteFrom('identity_members')
    .where('entity_kind', '=', 'person')
    .where(sql<boolean>`record_key = any(${recordKeys}::text[])`)
    .returning(['record_key', 'entity_id'])
    .execute();
  const history = await sql`update identity_history h set record_key = x.tomb
    from jsonb_to_recordset(${renamesJson}::jsonb) as x(key text, tomb text)
    where h.entity_kind = 'person' and h.record_key = x.key`.execute(trx);
  await appendHistory(
    trx,
    members.map((m) => ({
      action: 'unlink',
      actor: erasure.actor,
      entityKind: 'person',
      entityId: m.entity_id,
      recordKey: tombOf.get(m.record_key)!,
      summary: `the record was erased on request (erasure ${erasure.id})`,
      detail: { to: null, erasureId: erasure.id },
    })),
  );

  const constraints = await trx
    .selectFrom('link_constraints')
    .select(['id', 'record_key', 'other_keys'])
    .where('entity_kind', '=', 'person')
    .where((eb) => eb.or([sql<boolean>`record_key = any(${recordKeys}::text[])`, sql<boolean>`jsonb_exists_any(other_keys, ${recordKeys}::text[])`]))
    .execute();
  for (const c of constraints) {
    await trx
      .updateTable('link_constraints')
      .set({ record_key: tombOf.get(c.record_key) ?? c.record_key, other_keys: JSON.stringify(c.other_keys.map((k) => tombOf.get(k) ?? k)) })
      .where('id', '=', c.id)
      .execute();
  }

  const flags = await eraseFlags(trx, target, tombOf);
  return { history: Number(history.numAffectedRows ?? 0n), members: members.length, constraints: constraints.length, flags };
}

/** Flags of the person's records or entities: tombstoned record, no note, no explanation in the kept links. */
async function eraseFlags(trx: Kysely<Database>, target: ErasureTarget, tombOf: ReadonlyMap<string, string>): Promise<number> {
  const recordIds = new Set(target.records.map((r) => r.id));
  const flags = await trx
    .selectFrom('identity_flags')
    .select(['id', 'record_source', 'record_source_id', 'prior_links', 'entity_id', 'split_entity_id', 'note', 'created_by'])
    .where('entity_kind', '=', 'person')
    .where((eb) =>
      eb.or([
        sql<boolean>`record_source || '|' || record_source_id = any(${[...tombOf.keys()]}::text[])`,
        sql<boolean>`entity_id = any(${target.entityIds}::text[]) or split_entity_id = any(${target.entityIds}::text[])`,
        sql<boolean>`exists (select 1 from jsonb_array_elements(prior_links) p where (p->>'record_id')::bigint = any(${[...recordIds]}::bigint[]))`,
      ]),
    )
    .execute();
  const erasedPartner = (explanation: string) => {
    const partner = probablePartner(explanation);
    return partner !== null && tombOf.has(`${partner.source}|${partner.sourceId}`);
  };
  for (const f of flags) {
    const tomb = tombOf.get(`${f.record_source}|${f.record_source_id}`);
    const priorLinks: PriorLink[] = f.prior_links.map((l) => (recordIds.has(l.record_id) || erasedPartner(l.explanation) ? { ...l, explanation: ERASED } : l));
    await trx
      .updateTable('identity_flags')
      .set({ record_source_id: tomb ? tomb.slice(f.record_source.length + 1) : f.record_source_id, note: null, prior_links: JSON.stringify(priorLinks) })
      .where('id', '=', f.id)
      .execute();
    // The split link quotes the note; it says the same without it, as the next run would write it.
    if (f.note) {
      await trx
        .updateTable('entity_links')
        .set({ explanation: splitExplanation(f.entity_id, f.created_by, null) })
        .where('rule', '=', 'split')
        .where('explanation', '=', splitExplanation(f.entity_id, f.created_by, f.note))
        .execute();
    }
  }
  return flags.length;
}
