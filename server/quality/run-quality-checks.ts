import { sql, type Kysely } from 'kysely';
import type { QualityCheck } from '../../lib/contract/index.ts';
import type { Database } from '../store/schema.ts';

const SAMPLES = 5;

interface Row {
  model: string | null;
  count: number | string;
  samples: string[] | null;
}

type Definition = { check: string; label: string; severity: 'warn' | 'info'; query: ReturnType<typeof sql<Row>> };

/**
 * What a sync should be told about its data beyond row-level validation (DESIGN section 6): references
 * that lead nowhere, orphan memberships, dates out of order, states that contradict each other,
 * duplicates and missing ids held in quarantine, and how accounts and people relate.
 */
const DEFINITIONS: Definition[] = [
  {
    check: 'missing_account_reference',
    label: 'Records naming an account id their source does not have',
    severity: 'warn',
    query: sql<Row>`select model, count(*) as count, (array_agg(source_id order by source_id))[1:${SAMPLES}] as samples
      from source_records where kind not in ('accounts', 'users', 'memberships') and account_ref is not null and account_entity_id is null group by model`,
  },
  {
    check: 'missing_person_reference',
    label: 'Records naming a person id their source does not have',
    severity: 'warn',
    query: sql<Row>`select model, count(*) as count, (array_agg(source_id order by source_id))[1:${SAMPLES}] as samples
      from source_records where kind not in ('accounts', 'users', 'memberships') and person_ref is not null and person_entity_id is null group by model`,
  },
  {
    check: 'orphan_memberships',
    label: 'Memberships whose user or account is missing',
    // A membership without a person reference is an erased person's (server/erasure/redact-row.ts): not an orphan.
    severity: 'warn',
    query: sql<Row>`select model, count(*) as count, (array_agg(source_id order by source_id))[1:${SAMPLES}] as samples
      from source_records where kind = 'memberships' and ((person_entity_id is null and person_ref is not null) or account_entity_id is null) group by model`,
  },
  {
    check: 'dates_out_of_order',
    label: 'Records updated or closed before they were created',
    severity: 'warn',
    query: sql<Row>`select model, count(*) as count, (array_agg(source_id order by source_id))[1:${SAMPLES}] as samples
      from source_records
      where payload->>'created_at' ~ '^\\d{4}-' and (
        (payload->>'updated_at' ~ '^\\d{4}-' and (payload->>'updated_at')::timestamptz < (payload->>'created_at')::timestamptz)
        or (payload->>'ended_at' ~ '^\\d{4}-' and payload->>'started_at' ~ '^\\d{4}-' and (payload->>'ended_at')::timestamptz < (payload->>'started_at')::timestamptz))
      group by model`,
  },
  {
    check: 'contradictory_subscription_state',
    label: 'Subscriptions canceled without an end, or active after their end',
    severity: 'warn',
    query: sql<Row>`select model, count(*) as count, (array_agg(source_id order by source_id))[1:${SAMPLES}] as samples
      from source_records
      where kind = 'subscriptions' and (
        (payload->>'status' = 'canceled' and payload->>'ended_at' is null)
        or (payload->>'status' = 'active' and payload->>'ended_at' ~ '^\\d{4}-' and (payload->>'ended_at')::timestamptz < now()))
      group by model`,
  },
  {
    check: 'duplicate_keys',
    label: 'Rows held in quarantine because their id repeats',
    severity: 'warn',
    query: sql<Row>`select model, count(*) as count, (array_agg(row_key order by row_key))[1:${SAMPLES}] as samples
      from quarantine where resolved_at is null and reason like '%duplicate id%' group by model`,
  },
  {
    check: 'missing_ids',
    label: 'Rows held in quarantine because a required id is missing',
    severity: 'warn',
    query: sql<Row>`select model, count(*) as count, (array_agg(row_key order by row_key))[1:${SAMPLES}] as samples
      from quarantine where resolved_at is null and (reason like '%id is empty%' or reason ~ '(^|; )[a-z_]*id: missing') group by model`,
  },
  {
    check: 'impossible_dates',
    label: 'Rows held in quarantine for an impossible date',
    severity: 'warn',
    query: sql<Row>`select model, count(*) as count, (array_agg(row_key order by row_key))[1:${SAMPLES}] as samples
      from quarantine where resolved_at is null and (reason like '%date in the future%' or reason like '%before 1990%' or reason like '%not a date%' or reason like '%years ahead%') group by model`,
  },
  {
    check: 'accounts_without_people',
    label: 'Accounts no person belongs to',
    severity: 'info',
    query: sql<Row>`select null as model, count(*) as count, (array_agg(e.name order by e.name))[1:${SAMPLES}] as samples
      from entities e where e.kind = 'account'
        and not exists (select 1 from source_records r where r.account_entity_id = e.id and r.kind in ('users', 'memberships'))`,
  },
  {
    check: 'people_without_account',
    label: 'People who belong to no account',
    severity: 'info',
    query: sql<Row>`select null as model, count(*) as count, (array_agg(e.name order by e.name))[1:${SAMPLES}] as samples
      from entities e where e.kind = 'person'
        and not exists (select 1 from source_records r where r.person_entity_id = e.id and r.kind in ('users', 'memberships') and r.account_entity_id is not null)`,
  },
];

/** Runs every check, stores the results (replacing the previous ones) and returns them. */
export async function runQualityChecks(db: Kysely<Database>): Promise<QualityCheck[]> {
  const results: QualityCheck[] = [];
  for (const definition of DEFINITIONS) {
    const { rows } = await definition.query.execute(db);
    const found = rows.filter((r) => Number(r.count) > 0);
    if (found.length === 0) {
      results.push({ check: definition.check, label: definition.label, model: null, status: 'ok', count: 0, samples: [] });
      continue;
    }
    for (const row of found) {
      results.push({
        check: definition.check,
        label: definition.label,
        model: row.model,
        status: definition.severity,
        count: Number(row.count),
        samples: (row.samples ?? []).map(String),
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('quality_results').execute();
    await trx
      .insertInto('quality_results')
      .values(results.map((r) => ({ check: r.check, label: r.label, model: r.model, status: r.status, count: r.count, samples: JSON.stringify(r.samples) })))
      .execute();
  });
  return results;
}
