import { ConstrainedUnionFind } from './constrained-union-find.ts';

/**
 * The union-find a resolution runs on: people's decisions (must-not-link) always hold, and automatic links
 * have two more limits. No automatic link grows an entity past `maxSize` records, so one junk value that
 * slipped through (a shared inbox, a placeholder id) cannot chain thousands of records into one entity.
 * And inferred links (a shared domain, a probable match) never join two sets that each hold a record its
 * system of record calls a company of its own (two CRM accounts: a parent and its subsidiary, or two
 * customers on one domain) — that is a person's call. Refused unions are kept for the report.
 */
export type LinkStrength = 'manual' | 'stated' | 'inferred';
export type UnionOutcome = 'joined' | 'same' | 'blocked' | 'too_large' | 'separate_companies';

export interface Refusal {
  left: number;
  right: number;
  reason: 'too_large' | 'separate_companies';
  rule: string;
}

const KEPT_REFUSALS = 100;

export class GuardedUnionFind {
  private readonly sets: ConstrainedUnionFind;
  private readonly company: Uint8Array;
  private readonly maxSize: number;
  readonly refusals: Refusal[] = [];
  readonly refusalCounts = { too_large: 0, separate_companies: 0 };

  constructor(count: number, cannotLink: Iterable<readonly [number, number]>, limits: { maxSize: number; isCompany: (record: number) => boolean }) {
    this.sets = new ConstrainedUnionFind(count, cannotLink);
    this.maxSize = limits.maxSize;
    this.company = new Uint8Array(count);
    for (let i = 0; i < count; i++) if (limits.isCompany(i)) this.company[i] = 1;
  }

  find(x: number): number {
    return this.sets.find(x);
  }

  sizeOf(x: number): number {
    return this.sets.sizeOf(x);
  }

  /** Whether a person's decision keeps a's and b's sets apart. */
  keptApart(a: number, b: number): boolean {
    return !this.sets.canJoin(a, b);
  }

  /** Whether x's set holds a record of a company of its own (a CRM account). */
  holdsCompany(x: number): boolean {
    return this.company[this.find(x)] === 1;
  }

  /** `stated`: a system says so (a shared id, the same email); `inferred`: a shared domain, a probable match. */
  union(a: number, b: number, strength: LinkStrength, rule: string): UnionOutcome {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return 'same';
    if (strength !== 'manual') {
      const refuse = (reason: Refusal['reason']) => {
        this.refusalCounts[reason]++;
        if (this.refusals.length < KEPT_REFUSALS) this.refusals.push({ left: a, right: b, reason, rule });
        return reason;
      };
      if (this.sets.sizeOf(ra) + this.sets.sizeOf(rb) > this.maxSize) return refuse('too_large');
      if (strength === 'inferred' && this.company[ra] === 1 && this.company[rb] === 1) return refuse('separate_companies');
    }
    const outcome = this.sets.union(ra, rb);
    if (outcome === 'joined') this.company[this.find(ra)] = this.company[ra]! | this.company[rb]!;
    return outcome;
  }
}
