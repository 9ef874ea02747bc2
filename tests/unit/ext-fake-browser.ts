import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Import first: `wxt/browser` captures `globalThis.chrome` when it is first evaluated, and Dexie captures
 * `indexedDB`, so the in-memory browser and IndexedDB must be in place before any extension module loads.
 */
Object.assign(globalThis, { chrome: fakeBrowser, browser: fakeBrowser });

export { fakeBrowser };

export const CONTEXT = {
  status: 'matched',
  account: { kind: 'account', id: 'acc_1', name: 'Northwind Traders', detail: 'northwind.example' },
  person: { kind: 'person', id: 'per_1', name: 'Nancy Davolio', detail: 'nancy@northwind.example' },
  candidates: [],
  properties: [],
  metrics: [],
  health: null,
  matches: [],
  flags: [],
  freshness: { stale: false, oldestObservedAt: null, staleModels: [] },
  version: 'v1',
  resolvedFrom: [{ type: 'zendesk_ticket_id', value: '42' }],
} as const;

export function jsonResponse(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}
