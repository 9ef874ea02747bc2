import type { EntityRef } from '../lib/contract/lookup.ts';

export interface CandidatesProps {
  candidates: readonly EntityRef[];
  chosenId: string | null;
  onChoose: (candidate: EntityRef) => void;
}

/** An ambiguous context: the customers it could be, for the agent to pick the one this page is about. */
export function Candidates({ candidates, chosenId, onChoose }: CandidatesProps) {
  const kinds = new Set(candidates.map((candidate) => candidate.kind));
  const noun = kinds.size === 1 && kinds.has('account') ? 'accounts' : kinds.size === 1 ? 'people' : 'customers';
  return (
    <section className="card candidates" data-testid="sidebar-candidates" aria-labelledby="sidelight-candidates-title">
      <h2 className="card__title" id="sidelight-candidates-title">
        {candidates.length} {noun} could match
      </h2>
      <p className="card__hint">Pick the one this page is about.</p>
      <ul className="candidates__list">
        {candidates.map((candidate) => (
          <li key={`${candidate.kind}:${candidate.id}`}>
            <button
              type="button"
              className="candidates__option"
              aria-pressed={candidate.id === chosenId}
              onClick={() => onChoose(candidate)}
            >
              <span className="candidates__name">{candidate.name}</span>
              {candidate.detail && <span className="entity__detail">{candidate.detail}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
