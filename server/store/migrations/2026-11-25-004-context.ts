import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from app code (STYLE.md 12).
export async function up(db: Kysely<unknown>): Promise<void> {
  // The context of each entity, precomputed after every sync (and after a flag or an override), so a
  // lookup reads one row per entity instead of aggregating per request (DESIGN section 10).
  await db.schema
    .createTable('entity_context')
    .addColumn('entity_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('anchor', 'timestamptz', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One score per account and day: the last computation of the day wins.
  await db.schema
    .createTable('health_history')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('factors', 'jsonb', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('health_history_pkey', ['entity_id', 'day'])
    .execute();

  // An admin's value for a property of an entity: wins over every source until removed.
  await db.schema
    .createTable('property_overrides')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('property_overrides_pkey', ['entity_id', 'key'])
    .execute();

  // The data-quality checks of the last sync (replaced each time).
  await db.schema
    .createTable('quality_results')
    .addColumn('check', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('samples', 'jsonb', (c) => c.notNull())
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The sidebar's search: substring matches on names, emails and domains.
  await sql`create index entities_name_trgm_idx on entities using gin (lower(name) gin_trgm_ops)`.execute(db);
  await sql`create index entities_detail_trgm_idx on entities using gin (lower(detail) gin_trgm_ops)`.execute(db);

  // Metrics read records of one kind per entity; these replace the single-column entity indexes.
  await db.schema.dropIndex('source_records_person_idx').execute();
  await db.schema.dropIndex('source_records_account_idx').execute();
  await db.schema.createIndex('source_records_kind_account_idx').on('source_records').columns(['account_entity_id', 'kind']).execute();
  await db.schema.createIndex('source_records_kind_person_idx').on('source_records').columns(['person_entity_id', 'kind']).execute();
}
