import { FlagStatus } from './FlagControls.tsx';
import type { FlagActions } from './flag-actions.ts';
import { describeUndo } from './flag-state.ts';
import type { FlagInForce } from './flag-state.ts';

const NOT_HERE = { person: 'not the same person', account: 'not this account' } as const;

/**
 * Records split out of this entity by a flag still in force: each can be undone from here (the backend
 * decides whether this user may; the flagger, `cs_rep` and `admin` may).
 */
export function FlagsInForce({ rows, actions }: { rows: readonly FlagInForce[]; actions: FlagActions }) {
  return (
    <section className="flags-in-force" aria-labelledby="sidelight-flags-title" data-testid="flags-in-force">
      <h4 className="flags-in-force__title" id="sidelight-flags-title">
        Flagged here <span className="card__count">{rows.length}</span>
      </h4>
      <ul className="matches__list">
        {rows.map(({ flag, undo }) => (
          <li className="match match--flagged" key={flag.id} data-testid="flag-in-force" data-record={`${flag.record.source}:${flag.record.sourceId}`}>
            <div className="match__head">
              <span className="match__label">
                <code>{flag.record.sourceId}</code>
              </span>
              <span className="badge">{flag.record.source}</span>
            </div>
            <p className="match__explanation">
              Split out: {NOT_HERE[flag.entity.kind]}, flagged by {flag.createdBy}
              {flag.note && <> — “{flag.note}”</>}
            </p>
            <FlagStatus
              view={
                undo
                  ? describeUndo(undo)
                  : { tone: 'sent', label: 'Flag in force', detail: null, retryId: null, dismissId: null, undoable: true }
              }
              onUndo={() => actions.undo({ flagId: flag.id })}
              onRetry={actions.retry}
              onDismiss={actions.dismiss}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
