import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from app code (STYLE.md 12).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists fuzzystrmatch`.execute(db);

  await db.schema
    .createTable('tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_quarantined', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('sync_runs_model_idx').on('sync_runs').columns(['model', 'id']).execute();

  await db.schema
    .createTable('model_state')
    .addColumn('model', 'text', (c) => c.primaryKey())
    .addColumn('last_success_at', 'timestamptz')
    // When the source's data last changed, where the source can tell (CSV: the file's mtime).
    .addColumn('data_as_of', 'timestamptz')
    .addColumn('last_run_id', 'bigint')
    .addColumn('cursor', 'text')
    .addColumn('last_full_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('source_records')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('run_id', 'bigint', (c) => c.notNull())
    // The row as the contract parsed it, and the columns the contract does not name.
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('properties', 'jsonb', (c) => c.notNull())
    // Source ids this record points at in its own source (a ticket's requester, a contact's account).
    .addColumn('person_ref', 'text')
    .addColumn('account_ref', 'text')
    // Ids of the same customer in other sources ([{ source, id }]): deterministic shared-system-id links.
    .addColumn('same_as', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Filled by entity resolution after each sync.
    .addColumn('person_entity_id', 'text')
    .addColumn('account_entity_id', 'text')
    .addUniqueConstraint('source_records_model_source_id_key', ['model', 'source_id'])
    .execute();
  await db.schema.createIndex('source_records_source_kind_idx').on('source_records').columns(['source', 'kind', 'source_id']).execute();
  await db.schema.createIndex('source_records_person_idx').on('source_records').column('person_entity_id').execute();
  await db.schema.createIndex('source_records_account_idx').on('source_records').column('account_entity_id').execute();

  await db.schema
    .createTable('record_identifiers')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('record_id', 'bigint', (c) => c.notNull().references('source_records.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('record_identifiers_pkey', ['type', 'value', 'record_id'])
    .execute();
  await db.schema.createIndex('record_identifiers_record_idx').on('record_identifiers').column('record_id').execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('first_run_id', 'bigint', (c) => c.notNull())
    .addColumn('last_run_id', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('issues', 'jsonb', (c) => c.notNull())
    .addColumn('row', 'jsonb', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addUniqueConstraint('quarantine_model_row_key', ['model', 'row_key'])
    .execute();

  await db.schema
    .createTable('entities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('entity_links')
    .addColumn('record_id', 'bigint', (c) => c.primaryKey().references('source_records.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('entity_kind', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('entity_links_entity_idx').on('entity_links').column('entity_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('detail', 'jsonb')
    .execute();
}
