import { useContext } from 'react';
import type { Flag } from '../lib/contract/identity.ts';
import type { Match } from '../lib/contract/lookup.ts';
import { FlagButton, FlagStatus } from './FlagControls.tsx';
import { FlagActionsContext } from './flag-actions.ts';
import type { FlagActions } from './flag-actions.ts';
import { describeFlag, flagsInForce, rowFlagOf, undoOf } from './flag-state.ts';
import { FlagsInForce } from './FlagsInForce.tsx';
import { formatConfidence, webLink } from './format.ts';

export interface MatchesCardProps {
  /** The source records behind the shown entity. */
  matches: readonly Match[];
  /** The shown entity's id, and the flags in force on it (the context's `flags`). */
  entityId?: string | null;
  flags?: readonly Flag[];
  /** When the backend sent this context: outbox entries settled since are newer than it. */
  fetchedAt?: number;
}

/**
 * Why this is the customer: each source record behind the entity, the rule that joined it and how sure;
 * and, where the page provides flag actions, a way to say a record does not belong here.
 */
export function MatchesCard({ matches, entityId = null, flags = [], fetchedAt = 0 }: MatchesCardProps) {
  const actions = useContext(FlagActionsContext);
  const inForce = actions && entityId ? flagsInForce(flags, actions.items, entityId, matches, fetchedAt) : [];
  if (matches.length === 0 && inForce.length === 0) return null;
  return (
    <section className="card matches" data-testid="matches-card" aria-labelledby="sidelight-matches-title">
      <h3 className="card__title" id="sidelight-matches-title">
        Matched records <span className="card__count">{matches.length}</span>
      </h3>
      {actions?.error && (
        <p className="flag-status flag-status--failed" role="alert">
          {actions.error}
        </p>
      )}
      <ul className="matches__list">
        {matches.map((match) => (
          <MatchItem key={`${match.source}:${match.sourceId}`} match={match} actions={actions} fetchedAt={fetchedAt} />
        ))}
      </ul>
      {actions && inForce.length > 0 && <FlagsInForce rows={inForce} actions={actions} />}
    </section>
  );
}

function MatchItem({ match, actions, fetchedAt }: { match: Match; actions: FlagActions | null; fetchedAt: number }) {
  // The contract allows any URL; only web links are opened from here.
  const link = match.link && webLink(match.link);
  const flag = actions && rowFlagOf(actions.items, match, fetchedAt);
  return (
    <li className="match" data-testid="match" data-record={`${match.source}:${match.sourceId}`} data-flagged={flag ? flag.state : undefined}>
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
      {actions &&
        (flag ? (
          <FlagStatus
            view={describeFlag(flag, undoOf(actions.items, flag.flagId))}
            onUndo={() => actions.undo({ outboxId: flag.id })}
            onRetry={actions.retry}
            onDismiss={actions.dismiss}
          />
        ) : (
          <FlagButton
            kind={match.entity.kind}
            recordLabel={`${match.label} ${match.sourceId}`}
            onFlag={(note) =>
              actions.flag({
                record: { source: match.source, sourceId: match.sourceId },
                entity: match.entity,
                ...(note ? { note } : {}),
              })
            }
          />
        ))}
    </li>
  );
}
