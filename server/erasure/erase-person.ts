import { sql, type Kysely } from 'kysely';
import type { ErasureCounts, ErasureResult } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { refreshContexts } from '../context/refresh-contexts.ts';
import { writeAudit } from '../identity/audit.ts';
import { withIdentityLock } from '../identity/identity-lock.ts';
import { miss, type IdentityMiss } from '../identity/identity-miss.ts';
import { runQualityChecks } from '../quality/run-quality-checks.ts';
import type { Database } from '../store/schema.ts';
import { eraseAudit, eraseIdempotentResponses } from './erase-audit.ts';
import { eraseIdentity } from './erase-identity.ts';
import { scrubMentions } from './erase-mentions.ts';
import { eraseQuarantine } from './erase-quarantine.ts';
import { eraseRecords } from './erase-records.ts';
import { eraseReviewItems } from './erase-reviews.ts';
import { erasureKeys, loadErasureSecret } from './erasure-digests.ts';
import { erasureMatcher, lockErasures } from './erasure-matcher.ts';
import { findErasureTarget, type ErasureSubject, type ErasureTarget } from './find-person.ts';
import { findPossibleMatches } from './possible-matches.ts';
import { rememberErasure } from './remember-erasure.ts';

export interface ErasureOutcome extends ErasureResult {
  ok: true;
}

/**
 * Erases a person everywhere in the store, in one transaction under the identity lock and the erasure
 * lock (syncs under way commit first; later ones skip the person): their records, their activity's
 * personal values, quarantine rows, identity decisions' record names, review evidence, audit details,
 * stored responses, entities and contexts; and remembers them as keyed digests, so no later sync brings
 * them back. The contexts of entities whose data changed are computed again after the commit (a lookup
 * meanwhile computes them live). Audited without the address: who, when, what it touched.
 */
export async function erasePerson(
  db: Kysely<Database>,
  config: SidelightConfig,
  subject: ErasureSubject,
  actor: { name: string },
  options: { dryRun?: boolean } = {},
): Promise<ErasureOutcome | IdentityMiss> {
  const started = performance.now();
  const outcome = await withIdentityLock(db, async (trx) => {
    await lockErasures(trx);
    const target = await findErasureTarget(trx, subject);
    if (!target) return miss('unknown_entity', `No person ${'personId' in subject ? subject.personId : ''}.`);
    const records = target.records.map((r) => ({ source: r.source, sourceId: r.source_id, model: r.model }));
    const found = target.records.length > 0 || target.entityIds.length > 0;
    const possibleMatches = await findPossibleMatches(trx, target);
    const shown = { found, people: target.entityIds, records, possibleMatches };
    if (options.dryRun) return { target, touched: [], result: { id: null, at: new Date().toISOString(), dryRun: true, ...shown, counts: null } };

    const keys = erasureKeys((await loadErasureSecret(trx, { create: true }))!);
    const erasure = await rememberErasure(trx, keys, target, actor.name);
    const erasedRecords = await eraseRecords(trx, config, keys, target);
    const quarantineDeleted = await eraseQuarantine(trx, config, erasureMatcher(keys, erasure.digests), target);
    const reviews = await eraseReviewItems(trx, keys, target);
    const identity = await eraseIdentity(trx, keys, target, { id: erasure.id, actor: actor.name });
    const auditRedacted = await eraseAudit(trx, keys, target);
    const idempotentResponsesDeleted = await eraseIdempotentResponses(trx, keys, target);
    const gone = await dropEntities(trx, target, erasedRecords.touchedEntityIds);
    const mentionsScrubbed = await scrubMentions(trx, target.emails);
    const counts: ErasureCounts = {
      recordsDeleted: erasedRecords.deleted,
      activityRedacted: erasedRecords.redacted,
      recordsScrubbed: erasedRecords.scrubbed,
      quarantineDeleted,
      historyRewritten: identity.history,
      membersDeleted: identity.members,
      constraintsRewritten: identity.constraints,
      flagsRedacted: identity.flags,
      reviewItemsDeleted: reviews.deleted,
      reviewItemsRedacted: reviews.redacted,
      auditRedacted,
      idempotentResponsesDeleted,
      mentionsScrubbed,
      ...gone.counts,
    };
    // The extension drops cached contexts showing any entity the person was ever part of, or whose data changed.
    const entityIds = [...new Set([...erasure.entityIds, ...gone.contextIds])].sort();
    await trx.updateTable('erasures').set({ entity_ids: JSON.stringify(entityIds), counts: JSON.stringify(counts) }).where('id', '=', erasure.id).execute();
    await writeAudit(trx, {
      actor: actor.name,
      action: 'person.erase',
      subject: `erasure ${erasure.id}`,
      detail: { by: 'email' in subject ? 'email' : 'personId', found, people: target.entityIds.length, ...counts },
    });
    const result = { id: String(erasure.id), at: erasure.at.toISOString(), dryRun: false, ...shown, counts };
    return { target, touched: gone.contextIds.filter((id) => !target.entityIds.includes(id)), result };
  });
  if ('ok' in outcome) return outcome;
  if (!outcome.result.dryRun) {
    await refreshContexts(db, config, { entityIds: outcome.touched });
    await runQualityChecks(db);
  }
  return { ok: true, ...outcome.result, durationMs: Math.round(performance.now() - started) };
}

/**
 * The person's entities, their contexts and overrides go; the contexts of entities whose records changed
 * (or that quote an erased address) go too, to be computed again; the quality samples (names, ids) are
 * recomputed after the commit.
 */
async function dropEntities(trx: Kysely<Database>, target: ErasureTarget, touched: readonly string[]) {
  const quoting = target.emails.length
    ? (
        await trx
          .selectFrom('entity_context')
          .select('entity_id')
          .where(sql<boolean>`(${sql.join(target.emails.map((e) => sql`strpos(lower(body::text), ${e}) > 0`), sql` or `)})`)
          .execute()
      ).map((r) => r.entity_id)
    : [];
  const contextIds = [...new Set([...target.entityIds, ...touched, ...quoting])];
  const contexts = await trx.deleteFrom('entity_context').where(sql<boolean>`entity_id = any(${contextIds}::text[])`).executeTakeFirst();
  const overrides = await trx.deleteFrom('property_overrides').where(sql<boolean>`entity_id = any(${target.entityIds}::text[])`).executeTakeFirst();
  const entities = await trx.deleteFrom('entities').where(sql<boolean>`id = any(${target.entityIds}::text[])`).executeTakeFirst();
  await trx.deleteFrom('quality_results').execute();
  return {
    contextIds,
    counts: { entitiesDeleted: Number(entities.numDeletedRows), contextsDeleted: Number(contexts.numDeletedRows), overridesDeleted: Number(overrides.numDeletedRows) },
  };
}
