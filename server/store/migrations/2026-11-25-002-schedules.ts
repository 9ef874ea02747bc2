import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from app code (STYLE.md 12).
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per model and scheduled moment: the process whose insert wins runs that tick; the others skip it.
  await db.schema
    .createTable('schedule_ticks')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('tick_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('outcome', 'text')
    .addPrimaryKeyConstraint('schedule_ticks_pkey', ['model', 'tick_at'])
    .execute();

  // A lease on a model while one process runs it, so a slow run and the next tick never overlap.
  await db.schema.alterTable('model_state').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('model_state').addColumn('lease_until', 'timestamptz').execute();
}
