import { createHash } from 'node:crypto';
import type { EntityKind } from './record-keys.ts';

const digest = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 16);
const prefix = (kind: EntityKind) => (kind === 'account' ? 'acc' : 'per');

/** The id an entity gets from its smallest member key, so re-runs over the same data keep ids. */
export const defaultEntityId = (kind: EntityKind, minKey: string): string => `${prefix(kind)}_${digest(`${kind}|${minKey}`)}`;

/** The id of the entity a flagged record is split into: the same for the same record and entity, every time. */
export const splitEntityId = (kind: EntityKind, recordKey: string, fromEntityId: string): string =>
  `${prefix(kind)}_${digest(`${kind}|split|${recordKey}|${fromEntityId}`)}`;

export interface Cluster {
  kind: EntityKind;
  /** The smallest `source|source_id` among its members. */
  minKey: string;
}

/** A flag in force, as the id rule sees it. */
export interface SplitClaim {
  kind: EntityKind;
  recordKey: string;
  entityId: string;
  splitEntityId: string;
  /** The entity's other members when it was flagged. */
  members: readonly string[];
}

/**
 * Entity ids for clusters. Without flags every cluster takes its default id. Each flag in force, newest
 * first, gives its entity id to the cluster holding most of the members the entity kept (ties: the
 * smaller key), and its split id to the flagged record's cluster; a cluster keeps the first id it is given
 * and an id goes to one cluster. So the rest of a flagged entity keeps its id even when the flagged record
 * was its smallest key, the record gets the flag's split id, and once the flag is undone the defaults
 * (the ids from before the flag) come back. Deterministic given the clusters and the flags.
 */
export function assignEntityIds(
  clusters: readonly Cluster[],
  clusterOfKey: (kind: EntityKind, key: string) => number | undefined,
  newestFirst: readonly SplitClaim[],
): string[] {
  const ids: (string | undefined)[] = new Array(clusters.length);
  const taken = new Set<string>();
  const claim = (cluster: number | undefined, id: string) => {
    if (cluster === undefined || ids[cluster] !== undefined || taken.has(id)) return;
    ids[cluster] = id;
    taken.add(id);
  };
  for (const split of newestFirst) {
    const counts = new Map<number, number>();
    for (const key of split.members) {
      const c = clusterOfKey(split.kind, key);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let best: number | undefined;
    for (const [c, n] of counts) {
      const bestN = best === undefined ? -1 : counts.get(best)!;
      if (n > bestN || (n === bestN && clusters[c]!.minKey < clusters[best!]!.minKey)) best = c;
    }
    claim(best, split.entityId);
    claim(clusterOfKey(split.kind, split.recordKey), split.splitEntityId);
  }
  return clusters.map((cluster, c) => {
    const given = ids[c];
    if (given !== undefined) return given;
    let id = defaultEntityId(cluster.kind, cluster.minKey);
    // Only when a flag handed this cluster's default to another cluster (a bridge record split out).
    for (let n = 2; taken.has(id); n++) id = defaultEntityId(cluster.kind, `${cluster.minKey}#${n}`);
    taken.add(id);
    return id;
  });
}
