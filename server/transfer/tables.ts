import type { Database } from '../store/schema.ts';

/**
 * Every table of the store in an order that respects foreign keys, with the key that orders its rows (and
 * pages through them). Export and import walk this list; a table added by a migration is added here.
 */
export const STORE_TABLES: readonly { name: keyof Database; key: readonly string[]; identity: boolean }[] = [
  { name: 'tokens', key: ['id'], identity: false },
  { name: 'sync_runs', key: ['id'], identity: true },
  { name: 'model_state', key: ['model'], identity: false },
  { name: 'schedule_ticks', key: ['model', 'tick_at'], identity: false },
  { name: 'source_records', key: ['id'], identity: true },
  { name: 'record_identifiers', key: ['type', 'value', 'record_id'], identity: false },
  { name: 'quarantine', key: ['id'], identity: true },
  { name: 'entities', key: ['id'], identity: false },
  { name: 'entity_links', key: ['record_id'], identity: false },
  { name: 'audit_log', key: ['id'], identity: true },
];
