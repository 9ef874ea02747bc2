import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { runPrepared } from '../store/prepared.ts';
import type { Database } from '../store/schema.ts';

/** Tokens are shown once and stored as SHA-256 hashes: 256 random bits need no slow hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export async function createToken(
  db: Kysely<Database>,
  input: { name: string; role: Role; expiresAt?: Date | null },
): Promise<{ token: string; info: TokenInfo }> {
  const id = `tok_${randomBytes(6).toString('hex')}`;
  const token = `sl_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('tokens')
    .values({ id, name: input.name, role: input.role, token_hash: hashToken(token), expires_at: input.expiresAt ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, info: toInfo(row) };
}

/** Revokes by token id or by person name (all of that person's tokens); returns how many were revoked. */
export async function revokeToken(db: Kysely<Database>, idOrName: string): Promise<number> {
  const result = await db
    .updateTable('tokens')
    .set({ revoked_at: new Date() })
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  confirmed.get(db)?.clear();
  return Number(result.numUpdatedRows);
}

export async function listTokens(db: Kysely<Database>): Promise<TokenInfo[]> {
  const rows = await db.selectFrom('tokens').selectAll().orderBy('created_at').execute();
  return rows.map(toInfo);
}

/**
 * Tokens recently confirmed by the store, for at most a second: every request authenticates, and at
 * thousands of lookups a second the check would otherwise be a third of the database round trips. A
 * revocation through this process takes effect at once (it clears the memo); one made through another
 * replica within a second. Expiry is checked on every use.
 */
const AUTH_MEMO_MS = 1000;
const confirmed = new WeakMap<Kysely<Database>, Map<string, { info: TokenInfo; at: number }>>();

/** The caller behind a bearer token, or null when the token is unknown, revoked or expired. */
export async function authenticate(db: Kysely<Database>, token: string): Promise<TokenInfo | null> {
  const hash = hashToken(token);
  const now = Date.now();
  let memo = confirmed.get(db);
  if (!memo) confirmed.set(db, (memo = new Map()));
  const hit = memo.get(hash);
  if (hit && now - hit.at < AUTH_MEMO_MS) return hit.info.expiresAt && hit.info.expiresAt.getTime() <= now ? null : hit.info;
  // A prepared statement on PostgreSQL.
  const [row] = await runPrepared(db, 'sidelight_authenticate', db.selectFrom('tokens').selectAll().where('token_hash', '=', hash).compile());
  if (!row || row.revoked_at) {
    memo.delete(hash);
    return null;
  }
  if (row.expires_at && row.expires_at.getTime() <= now) return null;
  const info = toInfo(row);
  if (memo.size > 10_000) memo.clear();
  memo.set(hash, { info, at: now });
  return info;
}

function toInfo(row: {
  id: string;
  name: string;
  role: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** When a token created now without an explicit expiry expires: after `api.tokenMaxAgeDays`, if configured. */
export function defaultExpiry(config: SidelightConfig, now = Date.now()): Date | null {
  const days = config.api.tokenMaxAgeDays;
  return days ? new Date(now + days * 86_400_000) : null;
}
