import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from app code (STYLE.md 12).
// A person's erasure (GDPR art. 17) must outlive the next sync, whose sources still hold the person: the
// store remembers it as keyed digests of the normalised emails and record keys, never the values.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One random key per store, made on the first erasure: the digests cannot be matched against a list of
  // emails without it. It travels with export/import, or the list would stop matching.
  await db.schema
    .createTable('erasure_secret')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Who erased, when, what it touched (counts), and the entity ids that showed the person, which the
  // extension uses to drop its cached contexts. No email, no name, no source id.
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('entity_ids', 'jsonb', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .execute();

  // HMAC-SHA-256 digests of `email:<normalised>` and `record:<source>|<source id>`: a sync skips rows that match.
  await db.schema
    .createTable('erased_values')
    .addColumn('digest', 'text', (c) => c.primaryKey())
    .addColumn('erasure_id', 'bigint', (c) => c.notNull().references('erasures.id'))
    .execute();
}
