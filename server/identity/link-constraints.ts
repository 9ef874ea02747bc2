import type { SplitClaim } from './entity-ids.ts';
import type { EntityKind } from './record-keys.ts';

/** People's decisions, as a resolution run honours them. Records are named by `source|source_id`. */
export interface LinkConstraints {
  /** `key` never shares an entity with any of `others` (a flag: the record vs the entity's other members). */
  mustNotLink: readonly { entityKind: EntityKind; key: string; others: readonly string[] }[];
  /** `key` shares an entity with each of `others` unless a must-not-link forbids it (a merged review item). */
  mustLink: readonly { entityKind: EntityKind; key: string; others: readonly string[]; decidedBy: string; decidedAt: Date }[];
  /** Flags in force, newest first: who keeps which entity id, and how the split record's link reads. */
  splitsNewestFirst: readonly (SplitClaim & { explanation: string; decidedBy: string; decidedAt: Date })[];
}

export const NO_CONSTRAINTS: LinkConstraints = { mustNotLink: [], mustLink: [], splitsNewestFirst: [] };
