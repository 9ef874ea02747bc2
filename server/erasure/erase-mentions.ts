import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { erasedAmong, scrubEmails } from './redact-row.ts';

/**
 * Free text and JSON outside the source records that may quote an address: a flag's note about someone
 * else, an override typed by an admin, a review's evidence, an audit detail, an error message. Every
 * erased address in them becomes `[erased]`; the rest of the text stays.
 */
const MENTION_COLUMNS: readonly { table: keyof Database; key: readonly string[]; column: string; json: boolean }[] = [
  { table: 'entities', key: ['id'], column: 'name', json: false },
  { table: 'entities', key: ['id'], column: 'detail', json: false },
  { table: 'entity_links', key: ['record_id'], column: 'explanation', json: false },
  { table: 'identity_flags', key: ['id'], column: 'note', json: false },
  { table: 'identity_flags', key: ['id'], column: 'prior_links', json: true },
  { table: 'review_items', key: ['id'], column: 'evidence', json: true },
  { table: 'review_items', key: ['id'], column: 'impact', json: true },
  { table: 'review_items', key: ['id'], column: 'note', json: false },
  { table: 'property_overrides', key: ['entity_id', 'key'], column: 'value', json: true },
  { table: 'property_overrides', key: ['entity_id', 'key'], column: 'note', json: false },
  { table: 'audit_log', key: ['id'], column: 'subject', json: false },
  { table: 'audit_log', key: ['id'], column: 'detail', json: true },
  { table: 'sync_runs', key: ['id'], column: 'error', json: false },
];

/** Returns how many values changed. */
export async function scrubMentions(trx: Kysely<Database>, emails: readonly string[]): Promise<number> {
  if (emails.length === 0) return 0;
  const isErased = erasedAmong(emails);
  let changed = 0;
  for (const { table, key, column, json } of MENTION_COLUMNS) {
    const mentions = sql.join(emails.map((e) => sql`strpos(lower(${sql.ref(column)}::text), ${e}) > 0`), sql` or `);
    const { rows } = await sql<Record<string, unknown>>`select ${sql.join(key.map((k) => sql.ref(k)))}, ${sql.ref(column)} as value
      from ${sql.table(table)} where ${mentions}`.execute(trx);
    for (const row of rows) {
      const scrubbed = scrubEmails(row.value, isErased);
      if (scrubbed === row.value) continue;
      const value = json ? sql`${JSON.stringify(scrubbed)}::jsonb` : sql`${scrubbed as string}`;
      const where = sql.join(key.map((k) => sql`${sql.ref(k)} = ${row[k]}`), sql` and `);
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value} where ${where}`.execute(trx);
      changed++;
    }
  }
  return changed;
}
