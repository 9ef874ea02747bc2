import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/** Claims one scheduled moment of a model; true for exactly one of the processes that ask. */
export async function claimTick(db: Kysely<Database>, model: string, tickAt: Date, owner: string): Promise<boolean> {
  const claimed = await db
    .insertInto('schedule_ticks')
    .values({ model, tick_at: tickAt, claimed_by: owner })
    .onConflict((oc) => oc.columns(['model', 'tick_at']).doNothing())
    .returning('model')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function recordTickOutcome(db: Kysely<Database>, model: string, tickAt: Date, outcome: string): Promise<void> {
  await db.updateTable('schedule_ticks').set({ outcome }).where('model', '=', model).where('tick_at', '=', tickAt).execute();
}

/**
 * Takes the model's lease until `seconds` from now, unless another owner holds a lease that has not run
 * out (a run that crashed leaves a lease that expires on its own).
 */
export async function takeLease(db: Kysely<Database>, model: string, owner: string, seconds: number): Promise<boolean> {
  await db.insertInto('model_state').values({ model }).onConflict((oc) => oc.column('model').doNothing()).execute();
  const taken = await db
    .updateTable('model_state')
    .set({ lease_owner: owner, lease_until: sql`now() + make_interval(secs => ${seconds})` })
    .where('model', '=', model)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`), eb('lease_owner', '=', owner)]))
    .returning('model')
    .executeTakeFirst();
  return taken !== undefined;
}

export async function releaseLease(db: Kysely<Database>, model: string, owner: string): Promise<void> {
  await db.updateTable('model_state').set({ lease_owner: null, lease_until: null }).where('model', '=', model).where('lease_owner', '=', owner).execute();
}
