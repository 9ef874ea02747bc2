import { wipeContextCache } from './context-cache.ts';
import { cacheOwnerItem } from './storage.ts';
import { workerMemory } from './worker-memory.ts';

async function currentOwner(): Promise<string> {
  workerMemory.cacheOwner ??= await cacheOwnerItem.getValue();
  return workerMemory.cacheOwner;
}

async function setOwner(owner: string): Promise<void> {
  workerMemory.cacheOwner = owner;
  await cacheOwnerItem.setValue(owner);
}

let lastDigest: { input: string; owner: Promise<string> } | null = null;

/** A digest of the backend and the token, so the token itself is never written next to the cache. */
export function cacheOwnerOf({ backendUrl, token }: { backendUrl: string; token: string }): Promise<string> {
  const input = `${backendUrl}\n${token}`;
  if (lastDigest?.input !== input) lastDigest = { input, owner: digestOf(input) };
  return lastDigest.owner;
}

async function digestOf(input: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Makes the cache belong to these settings before it is used: when the backend or the token is not the one
 * the cache was filled for, everything in it is wiped first. Checked at every use rather than on a change
 * event, so a change made while the worker was stopped (or by policy) is caught too. Returns the owner
 * (for `stillOwns` after a slow request) and whether the cache was wiped (a read made meanwhile is void).
 */
export async function claimCache(settings: { backendUrl: string; token: string }): Promise<{ owner: string; wiped: boolean }> {
  const [owner, current] = await Promise.all([cacheOwnerOf(settings), currentOwner()]);
  if (current === owner) return { owner, wiped: false };
  await wipeContextCache();
  await setOwner(owner);
  return { owner, wiped: true };
}

/** False when the settings changed while a request was out: its answer must not enter the new cache. */
export async function stillOwns(owner: string): Promise<boolean> {
  return (await currentOwner()) === owner;
}

/** Signing out: the cache is wiped and belongs to nobody until the next claim. */
export async function releaseCache(): Promise<void> {
  await setOwner('');
  await wipeContextCache();
}
