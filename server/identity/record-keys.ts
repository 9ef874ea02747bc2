import type { RecordRef } from '../../lib/contract/index.ts';

export type EntityKind = 'account' | 'person';

/**
 * A record's name in decisions and history: `source|source_id`. Source names are `[a-z0-9_]` (config), so
 * the first `|` always ends the source; the key outlives the record's store id.
 */
export const recordKey = (source: string, sourceId: string): string => `${source}|${sourceId}`;

export function parseRecordKey(key: string): RecordRef {
  const bar = key.indexOf('|');
  return { source: key.slice(0, bar), sourceId: key.slice(bar + 1) };
}

/** The source_records kind that holds an entity kind's records. */
export const recordKindOf = (kind: EntityKind): 'accounts' | 'users' => (kind === 'account' ? 'accounts' : 'users');
export const entityKindOf = (recordKind: string): EntityKind => (recordKind === 'accounts' ? 'account' : 'person');
