import { normaliseEmail } from '../../lib/contract/index.ts';
import { ConstrainedUnionFind } from './constrained-union-find.ts';
import { assignEntityIds, type Cluster } from './entity-ids.ts';
import { NO_CONSTRAINTS, type LinkConstraints } from './link-constraints.ts';
import { recordKey, type EntityKind } from './record-keys.ts';

export interface IdentityRecord {
  /** Store id of the source record. */
  recordId: number;
  entityKind: EntityKind;
  source: string;
  sourceId: string;
  /** The record's own id as other sources would write it (normalised per app, e.g. 18-char Salesforce). */
  matchKey: string;
  email: string | null;
  sameAs: { source: string; key: string; column: string }[];
}

export interface ResolvedLink {
  recordId: number;
  entityId: string;
  entityKind: EntityKind;
  rule: 'single_record' | 'shared_system_id' | 'exact_email' | 'manual_merge' | 'split';
  explanation: string;
  /** Who decided the link: 'system' for the rules, the person for a merge or a split. */
  decidedBy: string;
  /** When a person decided it; null for the rules (the link is dated when it changes). */
  decidedAt: Date | null;
}

/** Addresses that name a mailbox, not a person: they never link two records. */
const JUNK_LOCAL_PARTS = /^(no-?reply|do-?not-?reply|test|null|none|unknown|n\/a|admin|info|support|billing)$/;

export function isLinkableEmail(email: string): boolean {
  return !JUNK_LOCAL_PARTS.test(email.split('@')[0]!);
}

type Rule = ResolvedLink['rule'];

/**
 * Deterministic identity: records of one kind form an entity when they share a system id (a CRM id stored
 * on a billing customer) or, for people, an exact normalised email; people's decisions come first (a
 * merge links, a flag or a rejection keeps records apart, whatever the rules say). Pure: the caller loads
 * and writes. Given the same records (in store order) and constraints, the result is the same.
 */
export function resolveExact(records: readonly IdentityRecord[], constraints: LinkConstraints = NO_CONSTRAINTS): ResolvedLink[] {
  const indicesOf = new Map<string, number[]>();
  records.forEach((r, i) => {
    const k = `${r.entityKind}|${recordKey(r.source, r.sourceId)}`;
    const list = indicesOf.get(k);
    if (list) list.push(i);
    else indicesOf.set(k, [i]);
  });
  const lookup = (kind: EntityKind, key: string) => indicesOf.get(`${kind}|${key}`) ?? [];

  const apart: [number, number][] = [];
  for (const c of constraints.mustNotLink) {
    for (const i of lookup(c.entityKind, c.key)) for (const other of c.others) for (const j of lookup(c.entityKind, other)) apart.push([i, j]);
  }
  const uf = new ConstrainedUnionFind(records.length, apart);
  const reason: (string | null)[] = new Array(records.length).fill(null);
  const rule: (Rule | null)[] = new Array(records.length).fill(null);
  const decided: ({ by: string; at: Date } | null)[] = new Array(records.length).fill(null);
  const mark = (i: number, r: Rule, text: string, by?: { by: string; at: Date }) => {
    if (rule[i] === null) {
      rule[i] = r;
      reason[i] = text;
      decided[i] = by ?? null;
    }
  };

  for (const merge of constraints.mustLink) {
    for (const i of lookup(merge.entityKind, merge.key)) {
      for (const other of merge.others) {
        for (const j of lookup(merge.entityKind, other)) {
          if (i === j || uf.union(i, j) === 'blocked') continue;
          const by = { by: merge.decidedBy, at: merge.decidedAt };
          mark(i, 'manual_merge', `merged with ${records[j]!.source} record ${records[j]!.sourceId} by ${merge.decidedBy}`, by);
          mark(j, 'manual_merge', `merged with ${records[i]!.source} record ${records[i]!.sourceId} by ${merge.decidedBy}`, by);
        }
      }
    }
  }

  const byKey = new Map<string, number>();
  records.forEach((r, i) => byKey.set(`${r.entityKind}|${r.source}|${r.matchKey}`, i));
  records.forEach((r, i) => {
    for (const ref of r.sameAs) {
      const j = byKey.get(`${r.entityKind}|${ref.source}|${ref.key}`);
      if (j === undefined || j === i) continue;
      if (uf.union(i, j) === 'blocked') continue;
      const other = records[j]!;
      mark(i, 'shared_system_id', `${ref.column} on this ${r.source} record is ${other.source} id ${other.sourceId}`);
      mark(j, 'shared_system_id', `${r.source} record ${r.sourceId} stores this record's id in ${ref.column}`);
    }
  });

  // Records sharing an email join the first one seen; when a constraint keeps some of them apart, a later
  // record tries each separate group, so the others still link to each other.
  const byEmail = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (r.entityKind !== 'person' || !r.email) return;
    const email = normaliseEmail(r.email);
    if (!email || !isLinkableEmail(email)) return;
    const groups = byEmail.get(email);
    if (!groups) {
      byEmail.set(email, [i]);
      return;
    }
    let joined = false;
    for (const j of groups) {
      if (uf.union(i, j) === 'blocked') continue;
      joined = true;
      const other = records[j]!;
      mark(i, 'exact_email', `same email ${email} as ${other.source} record ${other.sourceId}`);
      mark(j, 'exact_email', `same email ${email} as ${r.source} record ${r.sourceId}`);
    }
    if (!joined) groups.push(i);
  });

  // Clusters, their smallest member key, and the ids the flags in force ask for.
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
  const ids = assignEntityIds(clusters, (kind, key) => {
    const i = lookup(kind, key)[0];
    return i === undefined ? undefined : clusterOf[i];
  }, constraints.splitsNewestFirst);

  for (const split of constraints.splitsNewestFirst) {
    for (const i of lookup(split.kind, split.recordKey)) {
      if (ids[clusterOf[i]!] === split.splitEntityId) mark(i, 'split', split.explanation, { by: split.decidedBy, at: split.decidedAt });
    }
  }

  return records.map((r, i) => ({
    recordId: r.recordId,
    entityId: ids[clusterOf[i]!]!,
    entityKind: r.entityKind,
    rule: rule[i] ?? 'single_record',
    explanation: reason[i] ?? `the only ${r.source} record of this ${r.entityKind}`,
    decidedBy: decided[i]?.by ?? 'system',
    decidedAt: decided[i]?.at ?? null,
  }));
}
