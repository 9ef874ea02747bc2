import type { ProbableFindings, ProbableStats } from './find-probable-pairs.ts';
import { finishResolution, type ResolvedLink } from './finish-resolution.ts';
import type { Refusal } from './guarded-union-find.ts';
import { NO_CONSTRAINTS, type LinkConstraints } from './link-constraints.ts';
import { linkDomains } from './link-domains.ts';
import { linkEmails, linkMustLinks, linkSharedIds } from './link-exact.ts';
import { linkProbable, type ProbablePair } from './link-probable.ts';
import { recordKey, type EntityKind } from './record-keys.ts';
import { DEFAULT_RESOLUTION_OPTIONS, ResolutionState, type IdentityRecord, type ResolutionOptions } from './resolution-state.ts';

/** Two records a person should decide on: a probable match below the auto threshold, or two CRM companies on one domain. */
export interface UncertainPair {
  entityKind: EntityKind;
  a: number;
  b: number;
  rule: 'probable_match' | 'verified_domain';
  score: number | null;
  explanation: string;
}

export interface IdentityResolution {
  links: ResolvedLink[];
  uncertain: UncertainPair[];
  /** Automatic links refused by the size limit or because two CRM companies would meet (a few, with counts). */
  refused: { counts: Record<Refusal['reason'], number>; examples: { left: string; right: string; reason: Refusal['reason']; rule: string }[] };
  probable: Partial<Record<EntityKind, ProbableStats>>;
}

export interface ResolveOptions extends Partial<ResolutionOptions> {
  /** A full run: the fuzzy engine's pairs for one kind, given the deterministic sets. */
  findProbable?: (state: ResolutionState, kind: EntityKind) => ProbableFindings;
  /** A scoped run: the probable links its records hold, read back from their rows. */
  storedProbable?: (state: ResolutionState) => ProbablePair[];
}

const REVIEW_PAIRS_PER_DOMAIN = 10;

/**
 * Resolution in order (DESIGN.md section 5): people's merges, shared system ids, exact emails, verified
 * domains; then the probabilistic pass, accounts before people (a person's account is a compared
 * attribute). Pure: the caller loads and writes. Given the same records (in store order), decisions and
 * model, the result is the same.
 */
export function resolveIdentity(records: readonly IdentityRecord[], constraints: LinkConstraints = NO_CONSTRAINTS, options: ResolveOptions = {}): IdentityResolution {
  const state = new ResolutionState(records, constraints, { ...DEFAULT_RESOLUTION_OPTIONS, ...options });
  linkMustLinks(state, constraints.mustLink);
  linkSharedIds(state);
  linkEmails(state);
  const candidates: Candidate[] = [];
  for (const conflict of linkDomains(state)) {
    const [first, ...rest] = conflict.records;
    for (const other of rest.slice(0, REVIEW_PAIRS_PER_DOMAIN)) {
      candidates.push({ entityKind: 'account', a: first!, b: other, rule: 'verified_domain', score: null, explain: () => conflict.explanation });
    }
  }
  if (options.storedProbable) linkProbable(state, options.storedProbable(state));
  const probable: IdentityResolution['probable'] = {};
  if (options.findProbable) {
    for (const kind of ['account', 'person'] as const) {
      const found = options.findProbable(state, kind);
      probable[kind] = found.stats;
      const joined = new Set(linkProbable(state, found.auto));
      // Auto pairs a limit refused (two CRM companies, the size limit) go to a person like the weaker ones.
      for (const p of [...found.auto.filter((x) => !joined.has(x)), ...found.review]) {
        candidates.push({ entityKind: kind, a: p.a, b: p.b, rule: 'probable_match', score: p.score, explain: () => p.explain(p.a) });
      }
    }
  }
  return {
    links: finishResolution(state, constraints),
    uncertain: undecided(state, candidates),
    refused: {
      counts: { ...state.uf.refusalCounts },
      examples: state.uf.refusals.map((r) => ({ ...r, left: key(state, r.left), right: key(state, r.right) })),
    },
    probable,
  };
}

const key = (state: ResolutionState, i: number) => recordKey(state.records[i]!.source, state.records[i]!.sourceId);

/** An uncertain pair before it is kept: explained only if it is (most pairs end up in one entity anyway). */
type Candidate = Omit<UncertainPair, 'explanation'> & { explain: () => string };

/** Pairs still in two entities and not kept apart by a decision, one per pair of entities (the strongest). */
function undecided(state: ResolutionState, candidates: readonly Candidate[]): UncertainPair[] {
  const { uf } = state;
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const [ra, rb] = [uf.find(c.a), uf.find(c.b)];
    if (ra === rb || uf.keptApart(c.a, c.b)) continue;
    const k = ra < rb ? `${ra}|${rb}` : `${rb}|${ra}`;
    const seen = best.get(k);
    if (!seen || (seen.rule === 'probable_match' && c.rule === 'probable_match' && c.score! > seen.score!)) best.set(k, c);
  }
  return [...best.values()].map(({ explain, ...pair }) => ({ ...pair, explanation: explain() }));
}
