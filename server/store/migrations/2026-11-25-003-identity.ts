import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from app code (STYLE.md 12).
// Records are named by `source|source_id` (with the entity kind beside it) rather than by store id, so a
// decision outlives a record that a source deletes and sends again.
export async function up(db: Kysely<unknown>): Promise<void> {
  // "This record is not part of this entity": split out at once, undone by the flagger, a cs_rep or an admin.
  await db.schema
    .createTable('identity_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entity_kind', 'text', (c) => c.notNull())
    .addColumn('record_source', 'text', (c) => c.notNull())
    .addColumn('record_source_id', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('split_entity_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('undone_by', 'text')
    .addColumn('undone_at', 'timestamptz')
    .addColumn('review_item_id', 'text')
    // The entity's links as they were before the split, so an undo can give back exactly these rows.
    .addColumn('prior_links', 'jsonb', (c) => c.notNull())
    .execute();
  // One flag in force per record and entity: a second, concurrent flag of the same record finds the first.
  await sql`create unique index identity_flags_in_force on identity_flags (entity_kind, record_source, record_source_id, entity_id) where status = 'applied'`.execute(db);
  await db.schema.createIndex('identity_flags_entity_idx').on('identity_flags').column('entity_id').execute();
  await db.schema.createIndex('identity_flags_split_entity_idx').on('identity_flags').column('split_entity_id').execute();

  // Decisions every resolution run honours: a record never shares an entity with any of `other_keys`
  // (must_not_link: a flag, a rejected review), or always does (must_link: a merged review).
  await db.schema
    .createTable('link_constraints')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_kind', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('other_keys', 'jsonb', (c) => c.notNull())
    .addColumn('flag_id', 'text')
    .addColumn('review_item_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('undone_by', 'text')
    .addColumn('undone_at', 'timestamptz')
    .execute();
  await sql`create index link_constraints_active_idx on link_constraints (entity_kind, id) where undone_at is null`.execute(db);
  await db.schema.createIndex('link_constraints_flag_idx').on('link_constraints').column('flag_id').execute();

  await db.schema
    .createTable('review_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entity_kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('records', 'jsonb', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('impact', 'jsonb')
    .addColumn('flag_id', 'text')
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('review_items_status_idx').on('review_items').columns(['status', 'created_at']).execute();

  // Append-only: every link and unlink a resolution run makes, and every flag, undo and decision.
  await db.schema
    .createTable('identity_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('entity_kind', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('record_key', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identity_history_entity_idx').on('identity_history').columns(['entity_id', 'id']).execute();

  // The membership the history last recorded, by record key: what the next run diffs against. entity_links
  // cannot serve, because a record deleted at its source takes its link with it (on delete cascade).
  await db.schema
    .createTable('identity_members')
    .addColumn('entity_kind', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_members_pkey', ['entity_kind', 'record_key'])
    .execute();

  // Responses to requests sent with an Idempotency-Key, kept at least 30 days so a retry gets the first answer.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('token_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['token_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
}
