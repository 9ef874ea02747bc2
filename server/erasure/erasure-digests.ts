import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { normaliseEmail, normaliseSalesforceId } from '../../lib/contract/index.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * Keyed digests of what an erasure must keep recognising, and the tombstones that stand in for a person's
 * ids where a row stays. Keyed (HMAC with the store's own random secret), so the list of erased values
 * cannot be matched against a list of emails by someone holding only the digests; whoever holds the store,
 * secret included, can test a guessed email, which is what the next sync itself has to do.
 */
export interface ErasureKeys {
  email(value: unknown): string | null;
  record(source: string, sourceId: unknown): string | null;
  /** The stand-in for a person's id in a row that stays: the same id gets the same tombstone every time. */
  tombstone(source: string, sourceId: string): string;
}

export const ERASED = '[erased]';

export function erasureKeys(secret: string): ErasureKeys {
  const key = createSecretKey(Buffer.from(secret));
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('hex');
  return {
    email(value) {
      if (typeof value !== 'string') return null;
      const email = normaliseEmail(value);
      return email ? mac(`email:${email}`) : null;
    },
    record(source, sourceId) {
      if (typeof sourceId !== 'string' && typeof sourceId !== 'number' && typeof sourceId !== 'bigint') return null;
      const id = String(sourceId).trim();
      if (!id) return null;
      // Salesforce ids arrive as 15 or 18 characters: both forms name one record. Any other id of that
      // shape is "normalised" too, the same way on every side, which changes nothing about matching.
      return mac(`record:${source}|${normaliseSalesforceId(id) ?? id}`);
    },
    tombstone: (source, sourceId) => `erased:${mac(`tombstone:${source}|${sourceId.trim()}`).slice(0, 16)}`,
  };
}

/** The store's erasure secret; `create` makes one when there is none (the first erasure). */
export async function loadErasureSecret(db: Kysely<Database>, { create }: { create: boolean }): Promise<string | null> {
  const row = await db.selectFrom('erasure_secret').select('secret').where('id', '=', 1).executeTakeFirst();
  if (row || !create) return row?.secret ?? null;
  await db
    .insertInto('erasure_secret')
    .values({ id: 1, secret: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (await db.selectFrom('erasure_secret').select('secret').where('id', '=', 1).executeTakeFirstOrThrow()).secret;
}
