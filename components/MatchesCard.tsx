import type { Match } from '../lib/contract/lookup.ts';
import { formatConfidence, webLink } from './format.ts';

/** Why this is the customer: each source record behind the entity, the rule that joined it and how sure. */
export function MatchesCard({ matches }: { matches: readonly Match[] }) {
  if (matches.length === 0) return null;
  return (
    <section className="card matches" data-testid="matches-card" aria-labelledby="sidelight-matches-title">
      <h3 className="card__title" id="sidelight-matches-title">
        Matched records <span className="card__count">{matches.length}</span>
      </h3>
      <ul className="matches__list">
        {matches.map((match) => (
          <MatchItem key={`${match.source}:${match.sourceId}`} match={match} />
        ))}
      </ul>
    </section>
  );
}

function MatchItem({ match }: { match: Match }) {
  // The contract allows any URL; only web links are opened from here.
  const link = match.link && webLink(match.link);
  return (
    <li className="match" data-testid="match">
      <div className="match__head">
        <span className="match__label">{match.label}</span>
        <span className={`badge badge--${match.system}`}>{match.source}</span>
        <span className="match__confidence" title="Confidence of this match">
          {formatConfidence(match.confidence)}
        </span>
      </div>
      <p className="match__explanation">{match.explanation}</p>
      <div className="match__foot">
        <span className="match__rule">
          Rule <code>{match.rule}</code>
        </span>
        <span className="match__id">
          <code>{match.sourceId}</code>
        </span>
        {link && (
          <a className="match__link" href={link} target="_blank" rel="noopener noreferrer" aria-label={`Open ${match.label} ${match.sourceId} in its own system`}>
            Open ↗
          </a>
        )}
      </div>
    </li>
  );
}
