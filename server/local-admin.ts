import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { authenticate, createToken } from './auth/tokens.ts';
import type { Database } from './store/schema.ts';

/**
 * The local admin token lives in the data folder (mode 0600): whoever can read the folder is admin, like a
 * Unix socket's permissions. `npm start` prints it; the CLI uses it to talk to a running server.
 */
export function adminTokenFile(dataDir: string): string {
  return path.join(dataDir, 'admin-token');
}

export function readAdminToken(dataDir: string): string | null {
  const file = adminTokenFile(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

/** Returns the kept admin token, creating it (and its store row) when missing or no longer valid. */
export async function ensureAdminToken(db: Kysely<Database>, dataDir: string): Promise<string> {
  const kept = readAdminToken(dataDir);
  if (kept && (await authenticate(db, kept))?.role === 'admin') return kept;
  const { token } = await createToken(db, { name: 'local-admin', role: 'admin' });
  writeFileSync(adminTokenFile(dataDir), `${token}\n`, { mode: 0o600 });
  return token;
}

/** Where a running server listens, so the CLI can reach it instead of opening the locked store. */
export interface ServerInfo {
  pid: number;
  url: string;
}

const serverFile = (dataDir: string) => path.join(dataDir, 'server.json');

export function writeServerInfo(dataDir: string, info: ServerInfo): void {
  writeFileSync(serverFile(dataDir), JSON.stringify(info), { mode: 0o600 });
}

export function readServerInfo(dataDir: string): ServerInfo | null {
  try {
    return JSON.parse(readFileSync(serverFile(dataDir), 'utf8')) as ServerInfo;
  } catch {
    return null;
  }
}

export function clearServerInfo(dataDir: string): void {
  rmSync(serverFile(dataDir), { force: true });
}
