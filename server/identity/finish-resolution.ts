import { assignEntityIds, type Cluster } from './entity-ids.ts';
import type { LinkConstraints } from './link-constraints.ts';
import { recordKey } from './record-keys.ts';
import type { ResolutionState, Rule } from './resolution-state.ts';
import type { EntityKind } from './record-keys.ts';

export interface ResolvedLink {
  recordId: number;
  entityId: string;
  entityKind: EntityKind;
  rule: Rule;
  explanation: string;
  /** 1 for deterministic and manual links; the match probability of a probable one. */
  score: number;
  /** Who decided the link: 'system' for the rules, the person for a merge or a split. */
  decidedBy: string;
  /** When a person decided it; null for the rules (the link is dated when it changes). */
  decidedAt: Date | null;
}

/** Entity ids for the final sets (their smallest member key, or what the flags in force ask for) and each record's link. */
export function finishResolution(state: ResolutionState, constraints: LinkConstraints): ResolvedLink[] {
  const { records, uf } = state;
  const clusterOfRoot = new Map<number, number>();
  const clusters: Cluster[] = [];
  const clusterOf = records.map((r, i) => {
    const root = uf.find(i);
    let c = clusterOfRoot.get(root);
    if (c === undefined) {
      c = clusters.length;
      clusterOfRoot.set(root, c);
      clusters.push({ kind: r.entityKind, minKey: recordKey(r.source, r.sourceId) });
    }
    const key = recordKey(r.source, r.sourceId);
    if (key < clusters[c]!.minKey) clusters[c]!.minKey = key;
    return c;
  });
  const ids = assignEntityIds(
    clusters,
    (kind, key) => {
      const i = state.lookup(kind, key)[0];
      return i === undefined ? undefined : clusterOf[i];
    },
    constraints.splitsNewestFirst,
  );

  for (const split of constraints.splitsNewestFirst) {
    for (const i of state.lookup(split.kind, split.recordKey)) {
      // Only a record that joined nothing else shows the split; one linked in its new entity shows that link.
      if (ids[clusterOf[i]!] === split.splitEntityId) state.mark(i, 'split', split.explanation, { by: split.decidedBy, at: split.decidedAt });
    }
  }

  return records.map((r, i) => {
    const mark = state.marks[i];
    return {
      recordId: r.recordId,
      entityId: ids[clusterOf[i]!]!,
      entityKind: r.entityKind,
      rule: mark?.rule ?? 'single_record',
      explanation: mark?.explanation ?? `the only ${r.source} record of this ${r.entityKind}`,
      score: mark?.score ?? 1,
      decidedBy: mark?.decided?.by ?? 'system',
      decidedAt: mark?.decided?.at ?? null,
    };
  });
}
