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

/** A link row as a flag keeps it for an exact undo (the date as PostgreSQL's text, microseconds and all). */
export interface PriorLink {
  record_id: number;
  entity_id: string;
  entity_kind: 'account' | 'person';
  rule: string;
  score: number;
  explanation: string;
  decided_by: string;
  decided_at: string;
}

export interface IdentityFlagsTable {
  id: string;
  status: 'applied' | 'undone';
  entity_kind: 'account' | 'person';
  record_source: string;
  record_source_id: string;
  entity_id: string;
  split_entity_id: string;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
  undone_by: string | null;
  undone_at: NullableTimestamp;
  review_item_id: string | null;
  prior_links: Json<PriorLink[]>;
}

export interface LinkConstraintsTable {
  id: Generated<number>;
  kind: 'must_not_link' | 'must_link';
  entity_kind: 'account' | 'person';
  record_key: string;
  other_keys: Json<string[]>;
  flag_id: string | null;
  review_item_id: string | null;
  created_by: string;
  created_at: Timestamp;
  undone_by: string | null;
  undone_at: NullableTimestamp;
}

export interface ReviewItemsTable {
  id: string;
  kind: 'flag' | 'uncertain';
  status: 'open' | 'decided';
  entity_kind: 'account' | 'person';
  entity_id: string;
  records: Json<{ source: string; sourceId: string; label: string }[]>;
  evidence: Json<{ rule: string; score: number | null; explanation: string }>;
  impact: Json<unknown> | null;
  flag_id: string | null;
  decision: 'confirm' | 'restore' | 'merge' | 'reject' | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  note: string | null;
  created_at: Timestamp;
}

export interface IdentityHistoryTable {
  id: Generated<number>;
  at: Timestamp;
  action: 'link' | 'unlink' | 'split' | 'merge' | 'flag' | 'undo' | 'decision' | 'rebuild';
  actor: string;
  entity_kind: 'account' | 'person' | null;
  entity_id: string | null;
  record_key: string | null;
  summary: string;
  detail: Json<Record<string, unknown>>;
}

export interface IdentityMembersTable {
  entity_kind: 'account' | 'person';
  record_key: string;
  entity_id: string;
}

export interface IdempotencyKeysTable {
  token_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: Json<unknown>;
  created_at: Timestamp;
}

export interface EntityContextTable {
  entity_id: string;
  kind: 'account' | 'person';
  body: Json<unknown>;
  anchor: Timestamp;
  computed_at: Timestamp;
}

export interface HealthHistoryTable {
  entity_id: string;
  day: ColumnType<string, string, string>;
  score: number;
  band: string;
  factors: Json<unknown>;
  computed_at: Timestamp;
}

export interface PropertyOverridesTable {
  entity_id: string;
  key: string;
  value: Json<unknown>;
  note: string | null;
  set_by: string;
  set_at: Timestamp;
}

export interface QualityResultsTable {
  check: string;
  label: string;
  model: string | null;
  status: 'ok' | 'warn' | 'info';
  count: number;
  samples: Json<string[]>;
  checked_at: Timestamp;
}

export interface ErasureSecretTable {
  id: number;
  secret: string;
  created_at: Timestamp;
}

export interface ErasuresTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  entity_ids: Json<string[]>;
  counts: Json<Record<string, number>>;
}

export interface ErasedValuesTable {
  digest: string;
  erasure_id: number;
}

export interface Database {
  quality_results: QualityResultsTable;
  entity_context: EntityContextTable;
  health_history: HealthHistoryTable;
  property_overrides: PropertyOverridesTable;
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
  identity_flags: IdentityFlagsTable;
  link_constraints: LinkConstraintsTable;
  review_items: ReviewItemsTable;
  identity_history: IdentityHistoryTable;
  identity_members: IdentityMembersTable;
  idempotency_keys: IdempotencyKeysTable;
  erasure_secret: ErasureSecretTable;
  erasures: ErasuresTable;
  erased_values: ErasedValuesTable;
}

export type SourceRecord = Selectable<SourceRecordsTable>;
export type NewSourceRecord = Insertable<SourceRecordsTable>;
