import { loadConfig } from '../config/load.ts';
import type { SidelightConfig } from '../config/schema.ts';
import { readAdminToken, readServerInfo } from '../local-admin.ts';
import { lockHolder } from '../store/lock.ts';
import { defaultDataDir, openStore, type Store } from '../store/open.ts';

export interface CliEnv {
  dataDir: string;
  databaseUrl: string | undefined;
  configFile: string | undefined;
}

export function cliEnv(options: { config?: string } = {}): CliEnv {
  return { dataDir: defaultDataDir(), databaseUrl: process.env.DATABASE_URL || undefined, configFile: options.config };
}

export async function cliConfig(env: CliEnv): Promise<SidelightConfig> {
  return loadConfig(env.configFile);
}

/** Opens the store for a command that runs without the server. */
export async function withStore<T>(env: CliEnv, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * While a server holds the embedded store, the CLI goes through its HTTP API with the local admin token
 * instead of opening the folder (which only one process may do). Null when the CLI may open the store itself.
 */
export function runningServer(env: CliEnv): { url: string; token: string } | null {
  if (env.databaseUrl) return null;
  const holder = lockHolder(env.dataDir);
  if (holder === null || holder === process.pid) return null;
  const info = readServerInfo(env.dataDir);
  const token = readAdminToken(env.dataDir);
  if (!info || !token) {
    throw new Error(`The store at ${env.dataDir} is held by process ${holder}, which is not a Sidelight server answering the API. Stop it and try again.`);
  }
  return { url: info.url, token };
}

export async function callServer<T>(server: { url: string; token: string }, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(route, server.url), {
    method,
    headers: { authorization: `Bearer ${server.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
    } catch {
      // not problem+json: show the raw body
    }
    throw new Error(`server answered ${response.status}: ${detail}`);
  }
  return JSON.parse(text) as T;
}

