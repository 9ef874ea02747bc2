import { useId, useState } from 'react';
import type { ReviewDecision, ReviewItem } from '../lib/contract/identity.ts';
import type { ReviewDecisionResult } from '../lib/contract/outbox.ts';
import { formatConfidence, formatDateTime } from './format.ts';
import { ImpactTable } from './ImpactTable.tsx';

/** The decisions that fit each kind of item: a flag's split is confirmed or undone; an uncertain match is merged or kept apart. */
const DECISIONS: Record<ReviewItem['kind'], { decision: ReviewDecision; label: string }[]> = {
  flag: [
    { decision: 'confirm', label: 'Confirm split' },
    { decision: 'restore', label: 'Restore' },
  ],
  uncertain: [
    { decision: 'merge', label: 'Merge' },
    { decision: 'reject', label: 'Reject' },
  ],
};
const DECISION_LABELS: Record<ReviewDecision, string> = { confirm: 'Split confirmed', restore: 'Restored', merge: 'Merged', reject: 'Rejected' };
const KIND_LABELS: Record<ReviewItem['kind'], string> = { flag: 'Flagged wrong merge', uncertain: 'Uncertain match' };

export interface ReviewItemCardProps {
  item: ReviewItem;
  canDecide: boolean;
  onDecide: (decision: ReviewDecision, note: string | undefined) => Promise<ReviewDecisionResult>;
  onRefresh: () => void;
}

/** One review item: what is claimed, the evidence, what it changes, and (for cs_rep and admin) the decision. */
export function ReviewItemCard({ item, canDecide, onDecide, onRefresh }: ReviewItemCardProps) {
  const titleId = useId();
  return (
    <article className="review-item" aria-labelledby={titleId} data-testid="review-item" data-kind={item.kind} data-status={item.status}>
      <header className="review-item__head">
        <h2 className="review-item__title" id={titleId}>
          {KIND_LABELS[item.kind]}
        </h2>
        <span className="badge">
          {item.entity.kind} <code>{item.entity.id}</code>
        </span>
        <span className="review-item__date">{formatDateTime(item.createdAt)}</span>
      </header>
      <ul className="review-item__records">
        {item.records.map((record) => (
          <li key={`${record.source}:${record.sourceId}`}>
            {record.label} <span className="badge">{record.source}</span> <code>{record.sourceId}</code>
          </li>
        ))}
      </ul>
      <dl className="review-item__evidence" data-testid="review-evidence">
        <dt>Rule</dt>
        <dd>
          <code>{item.evidence.rule}</code>
        </dd>
        <dt>Score</dt>
        <dd>{item.evidence.score === null ? '—' : formatConfidence(item.evidence.score)}</dd>
        <dt>Why</dt>
        <dd>{item.evidence.explanation}</dd>
      </dl>
      {item.impact && <ImpactTable impact={item.impact} />}
      {item.decision ? (
        <p className="review-item__decided" data-testid="review-decided">
          {DECISION_LABELS[item.decision.decision]} by {item.decision.decidedBy}, {formatDateTime(item.decision.decidedAt)}
          {item.decision.note && <> — “{item.decision.note}”</>}
        </p>
      ) : (
        canDecide && <DecisionForm item={item} onDecide={onDecide} onRefresh={onRefresh} />
      )}
    </article>
  );
}

function DecisionForm({ item, onDecide, onRefresh }: Omit<ReviewItemCardProps, 'canDecide'>) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Extract<ReviewDecisionResult, { ok: false }> | null>(null);
  const noteId = useId();

  async function decide(decision: ReviewDecision) {
    setBusy(true);
    setFailure(null);
    try {
      const result = await onDecide(decision, note.trim() || undefined);
      if (!result.ok) setFailure(result);
    } catch (error) {
      setFailure({ ok: false, reason: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="review-item__decide" data-testid="review-decide">
      <label htmlFor={noteId}>Note (optional)</label>
      <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="review-item__actions">
        {DECISIONS[item.kind].map(({ decision, label }) => (
          <button key={decision} type="button" className="button" disabled={busy} onClick={() => void decide(decision)}>
            {label}
          </button>
        ))}
      </div>
      {failure && (
        <p role="alert" className="review-item__error" data-testid="review-error" data-reason={failure.reason}>
          {failure.reason === 'conflict'
            ? 'Someone decided this item first. Refresh to see their decision.'
            : failure.reason === 'forbidden'
              ? 'Your role may not decide review items (only CS reps and admins can).'
              : failure.message}{' '}
          {failure.reason === 'conflict' && (
            <button type="button" className="button button--small button--quiet" onClick={onRefresh}>
              Refresh
            </button>
          )}
        </p>
      )}
    </div>
  );
}
