import type { MessageInput, MessageOutput } from '../contract/messages.ts';
import { searchEntities } from './entity-api.ts';
import { readSettings } from './settings.ts';

/** Accounts and people by name, email or domain, for the sidebar's search (never cached: a few keystrokes apart). */
export async function searchCustomers({ q, kind }: MessageInput<'search:query'>): Promise<MessageOutput<'search:query'>> {
  const settings = await readSettings();
  if (!settings.token) return { ok: false, reason: 'signed-out', message: 'Not signed in: add your token in the Sidelight options.' };
  const result = await searchEntities(settings, q.trim(), kind);
  if (result.ok) return { ok: true, results: result.value };
  return { ok: false, reason: result.signedOut ? 'signed-out' : 'error', message: result.message };
}
