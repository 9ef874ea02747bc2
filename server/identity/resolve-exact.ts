import { createHash } from 'node:crypto';
import { normaliseEmail } from '../../lib/contract/index.ts';
import { UnionFind } from './union-find.ts';

export interface IdentityRecord {
  /** Store id of the source record. */
  recordId: number;
  entityKind: 'account' | 'person';
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
  entityKind: 'account' | 'person';
  rule: 'single_record' | 'shared_system_id' | 'exact_email';
  explanation: string;
}

/** Addresses that name a mailbox, not a person: they never link two records. */
const JUNK_LOCAL_PARTS = /^(no-?reply|do-?not-?reply|test|null|none|unknown|n\/a|admin|info|support|billing)$/;

export function isLinkableEmail(email: string): boolean {
  return !JUNK_LOCAL_PARTS.test(email.split('@')[0]!);
}

/**
 * Deterministic identity: records of one kind form an entity when they share a system id (a CRM id stored
 * on a billing customer) or, for people, an exact normalised email. Pure: the caller loads and writes.
 */
export function resolveExact(records: readonly IdentityRecord[]): ResolvedLink[] {
  const uf = new UnionFind(records.length);
  const reason: (string | null)[] = new Array(records.length).fill(null);
  const rule: (ResolvedLink['rule'] | null)[] = new Array(records.length).fill(null);
  const mark = (i: number, r: ResolvedLink['rule'], text: string) => {
    if (rule[i] === null) {
      rule[i] = r;
      reason[i] = text;
    }
  };

  const byKey = new Map<string, number>();
  records.forEach((r, i) => byKey.set(`${r.entityKind}|${r.source}|${r.matchKey}`, i));
  records.forEach((r, i) => {
    for (const ref of r.sameAs) {
      const j = byKey.get(`${r.entityKind}|${ref.source}|${ref.key}`);
      if (j === undefined || j === i) continue;
      uf.union(i, j);
      const other = records[j]!;
      mark(i, 'shared_system_id', `${ref.column} on this ${r.source} record is ${other.source} id ${other.sourceId}`);
      mark(j, 'shared_system_id', `${r.source} record ${r.sourceId} stores this record's id in ${ref.column}`);
    }
  });

  const byEmail = new Map<string, number>();
  records.forEach((r, i) => {
    if (r.entityKind !== 'person' || !r.email) return;
    const email = normaliseEmail(r.email);
    if (!email || !isLinkableEmail(email)) return;
    const j = byEmail.get(email);
    if (j === undefined) {
      byEmail.set(email, i);
      return;
    }
    uf.union(i, j);
    const other = records[j]!;
    mark(i, 'exact_email', `same email ${email} as ${other.source} record ${other.sourceId}`);
    mark(j, 'exact_email', `same email ${email} as ${r.source} record ${r.sourceId}`);
  });

  // A stable entity id: derived from the cluster's smallest member key, so re-runs keep ids.
  const firstKey = new Map<number, string>();
  records.forEach((r, i) => {
    const root = uf.find(i);
    const key = `${r.source}|${r.sourceId}`;
    const current = firstKey.get(root);
    if (current === undefined || key < current) firstKey.set(root, key);
  });
  return records.map((r, i) => {
    const digest = createHash('sha1').update(`${r.entityKind}|${firstKey.get(uf.find(i))}`).digest('hex').slice(0, 16);
    return {
      recordId: r.recordId,
      entityId: `${r.entityKind === 'account' ? 'acc' : 'per'}_${digest}`,
      entityKind: r.entityKind,
      rule: rule[i] ?? 'single_record',
      explanation: reason[i] ?? `the only ${r.source} record of this ${r.entityKind}`,
    };
  });
}
