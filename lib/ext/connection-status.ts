import type { MessageOutput } from '../contract/messages.ts';
import { fetchHealth, fetchMe } from './api.ts';
import { readSettings } from './settings.ts';
import { lastContactItem } from './storage.ts';

export type ConnectionStatus = MessageOutput<'connection:get'>;

type Contact = { ok: true; at: number } | { ok: false; at: number; message: string };

/** Remembers how the backend last answered a lookup, for the popup's "last refresh". */
export async function recordContact(contact: Contact): Promise<void> {
  const last = await lastContactItem.getValue();
  await lastContactItem.setValue(
    contact.ok
      ? { ...last, lastSuccessAt: contact.at }
      : { ...last, lastFailure: { at: contact.at, message: contact.message } },
  );
}

/** Where we connect and as whom, asked of the backend now (`/v1/me`), with the last lookup's outcome. */
export async function readConnectionStatus(): Promise<ConnectionStatus> {
  const [settings, last] = await Promise.all([readSettings(), lastContactItem.getValue()]);
  const { backendUrl, locked, token } = settings;
  const base = { backendUrl, locked, ...last };
  if (!token) return { ...base, identity: { state: 'signed-out' } };
  const me = await fetchMe(settings);
  if (me.ok) return { ...base, identity: { state: 'connected', name: me.value.name, role: me.value.role } };
  return { ...base, identity: { state: me.signedOut ? 'rejected' : 'unreachable', message: me.message } };
}

/** The options page's "Test connection": who the token belongs to, and the backend's version. */
export async function testConnection(): Promise<MessageOutput<'connection:test'>> {
  const settings = await readSettings();
  if (!settings.token) return { ok: false, reason: 'signed-out', message: 'No token yet: paste the token the backend printed, then Save.' };
  const [me, health] = await Promise.all([fetchMe(settings), fetchHealth(settings)]);
  if (!me.ok) return { ok: false, reason: me.signedOut ? 'signed-out' : 'error', message: me.message };
  if (!health.ok) return { ok: false, reason: 'error', message: health.message };
  return { ok: true, name: me.value.name, role: me.value.role, version: health.value.version };
}
