import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/** One row in audit_log per write a person makes; the actor is the token's name. */
export async function writeAudit(trx: Kysely<Database>, entry: { actor: string; action: string; subject: string; detail: Record<string, unknown> }): Promise<void> {
  await trx.insertInto('audit_log').values({ actor: entry.actor, action: entry.action, subject: entry.subject, detail: JSON.stringify(entry.detail) }).execute();
}
