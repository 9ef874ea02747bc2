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
  { name: 'identity_flags', key: ['id'], identity: false },
  { name: 'link_constraints', key: ['id'], identity: true },
  { name: 'review_items', key: ['id'], identity: false },
  { name: 'identity_history', key: ['id'], identity: true },
  { name: 'identity_members', key: ['entity_kind', 'record_key'], identity: false },
  { name: 'idempotency_keys', key: ['token_id', 'key'], identity: false },
  { name: 'entity_context', key: ['entity_id'], identity: false },
  { name: 'health_history', key: ['entity_id', 'day'], identity: false },
  { name: 'property_overrides', key: ['entity_id', 'key'], identity: false },
  { name: 'quality_results', key: ['check', 'model'], identity: false },
  { name: 'erasure_secret', key: ['id'], identity: false },
  { name: 'erasures', key: ['id'], identity: true },
  { name: 'erased_values', key: ['digest'], identity: false },
];
