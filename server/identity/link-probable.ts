import { roundScore } from './describe-probable-link.ts';
import type { ResolutionState } from './resolution-state.ts';

/** Two records the fuzzy engine scored, or a probable link read back from its row. */
export interface ProbablePair {
  a: number;
  b: number;
  /** Match probability. */
  score: number;
  /** The link's explanation as the record `carrier` shows it (naming the other record). */
  explain: (carrier: number) => string;
  /** A stored link: the record whose row holds it, which keeps holding it. */
  carrier?: number;
}

/**
 * Probable matches at or above the auto threshold, strongest first (ties by record order), each joining two
 * sets unless a must-not-link, the size limit or two CRM companies refuse. A probable link is never silent:
 * for every join one record's link says `probable_match` with the score and the explanation. Joins form a
 * forest over the sets the deterministic rules made; rooted at the set of the earliest record, each other
 * set shows the join that attached it on the record at its end of that edge, so every join is on exactly
 * one row and a scoped re-resolution (a flag, an undo) can read all of them back. Stored links keep the
 * record they were on. Returns the pairs that joined.
 */
export function linkProbable(state: ResolutionState, pairs: readonly ProbablePair[]): ProbablePair[] {
  const { uf } = state;
  const before = Int32Array.from(state.records, (_, i) => uf.find(i));
  const order = [...pairs].sort((x, y) => y.score - x.score || Math.min(x.a, x.b) - Math.min(y.a, y.b) || Math.max(x.a, x.b) - Math.max(y.a, y.b));
  const joined = order.filter((p) => uf.union(p.a, p.b, 'inferred', 'probable_match') === 'joined');

  const show = (p: ProbablePair, carrier: number) =>
    state.override(carrier, { rule: 'probable_match', explanation: p.explain(carrier), decided: null, score: roundScore(p.score) });
  for (const p of joined) if (p.carrier !== undefined) show(p, p.carrier);

  const fresh = joined.filter((p) => p.carrier === undefined);
  const edges = new Map<number, { pair: ProbablePair; other: number }[]>();
  const add = (from: number, pair: ProbablePair, other: number) => {
    const list = edges.get(from);
    if (list) list.push({ pair, other });
    else edges.set(from, [{ pair, other }]);
  };
  for (const p of fresh) {
    add(before[p.a]!, p, before[p.b]!);
    add(before[p.b]!, p, before[p.a]!);
  }
  // Roots in record order: the first record met of each tree starts it.
  const seen = new Set<number>();
  for (let i = 0; i < state.records.length; i++) {
    const start = before[i]!;
    if (!edges.has(start) || seen.has(start)) continue;
    seen.add(start);
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      for (const { pair, other } of edges.get(queue[q]!)!) {
        if (seen.has(other)) continue;
        seen.add(other);
        queue.push(other);
        show(pair, before[pair.a] === other ? pair.a : pair.b);
      }
    }
  }
  return joined;
}
