import { MODEL_KINDS, type ModelKind } from '../../lib/contract/index.ts';
import type { TableMatch } from './types.ts';

/** A table must score at least this for a kind to be proposed. */
export const PROPOSE_AT = 0.5;

export interface Assignment {
  chosen: TableMatch[];
  alternatives: Map<ModelKind, TableMatch[]>;
  /** Kinds left without a table, and why. */
  unmatched: { kind: ModelKind; reason: string }[];
}

/**
 * One table per kind and one kind per table, best pairs first: zendesk.tickets goes to tickets (its name
 * says so) rather than to conversations, which then has no table left and is not proposed.
 */
export function assignKinds(matches: readonly TableMatch[]): Assignment {
  const fit = matches.filter((m) => m.missing.length === 0).sort((a, b) => b.score - a.score);
  const chosen: TableMatch[] = [];
  const takenBy = new Map<string, ModelKind>();
  for (const match of fit) {
    if (match.score < PROPOSE_AT) break;
    if (chosen.some((c) => c.kind === match.kind) || takenBy.has(match.table.label)) continue;
    chosen.push(match);
    takenBy.set(match.table.label, match.kind);
  }
  const alternatives = new Map<ModelKind, TableMatch[]>();
  const unmatched: Assignment['unmatched'] = [];
  for (const kind of MODEL_KINDS) {
    const pick = chosen.find((c) => c.kind === kind);
    const others = fit.filter((m) => m.kind === kind && m !== pick && m.score >= 0.4).slice(0, 3);
    if (pick) {
      alternatives.set(kind, others);
      continue;
    }
    const best = matches.filter((m) => m.kind === kind).sort((a, b) => b.score - a.score)[0];
    const taken = best && takenBy.get(best.table.label);
    unmatched.push({
      kind,
      reason: !best
        ? 'no tables'
        : best.missing.length
          ? `no table fills ${best.missing.join(', ')} (closest: ${best.table.label})`
          : taken && best.score >= PROPOSE_AT
            ? `its best table, ${best.table.label}, fits ${taken} better`
            : `no table scores ${PROPOSE_AT} or more (best: ${best.table.label}, ${best.score})`,
    });
  }
  chosen.sort((a, b) => MODEL_KINDS.indexOf(a.kind) - MODEL_KINDS.indexOf(b.kind));
  return { chosen, alternatives, unmatched };
}
