import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../../server/store/schema.ts';

export interface StoreSnapshot {
  accounts: number;
  events: number;
  /** Distinct runs the accounts' records come from: a full-refresh model's records all come from one. */
  accountRuns: number;
  cursor: string | null;
  maxEventAt: string | null;
  running: number;
}

/** What a crash test compares: record counts per model, the stored cursor and the data it covers. */
export async function snapshotStore(db: Kysely<Database>): Promise<StoreSnapshot> {
  const { rows } = await sql<{ accounts: string; events: string; account_runs: string; cursor: string | null; max_event_at: string | null; running: string }>`
    select
      (select count(*) from source_records where model = 'crash_accounts') as accounts,
      (select count(*) from source_records where model = 'crash_events') as events,
      (select count(distinct run_id) from source_records where model = 'crash_accounts') as account_runs,
      (select cursor from model_state where model = 'crash_events') as cursor,
      (select max((payload->>'occurred_at')::timestamptz) from source_records where model = 'crash_events') as max_event_at,
      (select count(*) from sync_runs where status = 'running') as running`.execute(db);
  const r = rows[0]!;
  const maxAt = r.max_event_at === null ? null : new Date(r.max_event_at).toISOString();
  return { accounts: Number(r.accounts), events: Number(r.events), accountRuns: Number(r.account_runs), cursor: r.cursor, maxEventAt: maxAt, running: Number(r.running) };
}

/** The stored cursor's position, as the ISO time it holds. */
export function cursorTime(cursor: string | null): string | null {
  if (!cursor) return null;
  const parsed = JSON.parse(cursor) as { value: string };
  return new Date(parsed.value).toISOString();
}

/** What is wrong with a store after a crash, given the states before and after the interrupted sync. */
export function crashProblems(now: StoreSnapshot, before: StoreSnapshot, after: { accounts: number; events: number }): string[] {
  const problems: string[] = [];
  if (now.accounts !== before.accounts && now.accounts !== after.accounts) problems.push(`accounts: ${now.accounts} records, neither ${before.accounts} (before) nor ${after.accounts} (after)`);
  if (now.events !== before.events && now.events !== after.events) problems.push(`events: ${now.events} records, neither ${before.events} (before) nor ${after.events} (after)`);
  if (now.accountRuns > 1) problems.push(`accounts: records from ${now.accountRuns} runs, a full read keeps one`);
  if (cursorTime(now.cursor) !== now.maxEventAt) problems.push(`events: stored cursor ${cursorTime(now.cursor)} but the newest stored event is ${now.maxEventAt}`);
  return problems;
}
