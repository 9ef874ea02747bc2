import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** The store's tables as Kysely sees them; the migrations are the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface TokensTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface SyncRunsTable {
  id: Generated<number>;
  model: string;
  source: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed';
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  rows_read: Generated<number>;
  rows_accepted: Generated<number>;
  rows_quarantined: Generated<number>;
  duration_ms: number | null;
  error: string | null;
}

export interface ModelStateTable {
  model: string;
  last_success_at: NullableTimestamp;
  data_as_of: NullableTimestamp;
  last_run_id: number | null;
  cursor: string | null;
  last_full_at: NullableTimestamp;
  lease_owner: string | null;
  lease_until: NullableTimestamp;
}

export interface ScheduleTicksTable {
  model: string;
  tick_at: Timestamp;
  claimed_by: string;
  claimed_at: Timestamp;
  outcome: string | null;
}

export interface SourceRecordsTable {
  id: Generated<number>;
  model: string;
  source: string;
  kind: string;
  source_id: string;
  observed_at: Timestamp;
  run_id: number;
  payload: Json<Record<string, unknown>>;
  properties: Json<Record<string, unknown>>;
  person_ref: string | null;
  account_ref: string | null;
  same_as: ColumnType<{ source: string; id: string }[], string | undefined, string>;
  person_entity_id: string | null;
  account_entity_id: string | null;
}

export interface RecordIdentifiersTable {
  type: string;
  value: string;
  record_id: number;
}

export interface QuarantineTable {
  id: Generated<number>;
  model: string;
  row_key: string;
  first_run_id: number;
  last_run_id: number;
  reason: string;
  issues: Json<{ path: string; message: string }[]>;
  row: Json<Record<string, unknown>>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  resolved_at: NullableTimestamp;
}

export interface EntitiesTable {
  id: string;
  kind: 'account' | 'person';
  name: string;
  detail: string | null;
  updated_at: Timestamp;
}

export interface EntityLinksTable {
  record_id: number;
  entity_id: string;
  entity_kind: 'account' | 'person';
  rule: string;
  score: number;
  explanation: string;
  decided_by: string;
  decided_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  subject: string | null;
  detail: Json<Record<string, unknown>> | null;
}

export interface Database {
  tokens: TokensTable;
  sync_runs: SyncRunsTable;
  model_state: ModelStateTable;
  schedule_ticks: ScheduleTicksTable;
  source_records: SourceRecordsTable;
  record_identifiers: RecordIdentifiersTable;
  quarantine: QuarantineTable;
  entities: EntitiesTable;
  entity_links: EntityLinksTable;
  audit_log: AuditLogTable;
}

export type SourceRecord = Selectable<SourceRecordsTable>;
export type NewSourceRecord = Insertable<SourceRecordsTable>;
