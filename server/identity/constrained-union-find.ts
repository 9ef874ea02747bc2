import { UnionFind } from './union-find.ts';

export type UnionResult = 'joined' | 'same' | 'blocked';

/**
 * Union-find that refuses a union putting a must-not-link pair in one set. Each root keeps the members
 * its set may never meet; a union checks the smaller of the two sides against the other root, then the
 * sets merge small into large, so the cost stays near the number of constraints.
 */
export class ConstrainedUnionFind {
  private readonly sets: UnionFind;
  private readonly blocked = new Map<number, Set<number>>();

  constructor(count: number, cannotLink: Iterable<readonly [number, number]> = []) {
    this.sets = new UnionFind(count);
    for (const [a, b] of cannotLink) {
      if (a === b) continue;
      this.blockedOf(a).add(b);
      this.blockedOf(b).add(a);
    }
  }

  find(x: number): number {
    return this.sets.find(x);
  }

  sizeOf(x: number): number {
    return this.sets.sizeOf(x);
  }

  /** Whether a and b could share a set: no must-not-link between their sets (nothing is joined). */
  canJoin(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const ba = this.blocked.get(ra);
    const bb = this.blocked.get(rb);
    const [check, other] = (ba?.size ?? 0) <= (bb?.size ?? 0) ? [ba, rb] : [bb, ra];
    if (check) for (const x of check) if (this.find(x) === other) return false;
    return true;
  }

  union(a: number, b: number): UnionResult {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return 'same';
    const ba = this.blocked.get(ra);
    const bb = this.blocked.get(rb);
    const [check, other] = (ba?.size ?? 0) <= (bb?.size ?? 0) ? [ba, rb] : [bb, ra];
    if (check) for (const x of check) if (this.find(x) === other) return 'blocked';
    this.sets.union(ra, rb);
    const root = this.find(ra);
    const merged = ba && bb ? (ba.size >= bb.size ? ba : bb) : (ba ?? bb);
    const rest = merged === ba ? bb : ba;
    if (merged && rest) for (const x of rest) merged.add(x);
    this.blocked.delete(ra);
    this.blocked.delete(rb);
    if (merged) this.blocked.set(root, merged);
    return 'joined';
  }

  private blockedOf(x: number): Set<number> {
    let set = this.blocked.get(x);
    if (!set) this.blocked.set(x, (set = new Set()));
    return set;
  }
}
