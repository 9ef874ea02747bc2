import type { OutboxCounts } from '../lib/contract/outbox.ts';

export interface OutboxSummaryProps {
  /** Null while the background answers. */
  counts: OutboxCounts | null;
  onOpenReview: () => void;
}

/** The popup's view of the flag outbox: what waits to be sent, what failed, and the way to the review queue. */
export function OutboxSummary({ counts, onOpenReview }: OutboxSummaryProps) {
  return (
    <section className="popup__outbox" aria-labelledby="sidelight-outbox-title" data-testid="popup-outbox">
      <h2 className="popup__subtitle" id="sidelight-outbox-title">
        Flags
      </h2>
      {counts && (
        <p>
          <span data-testid="outbox-pending">{counts.pending} pending</span>
          {' · '}
          <span data-testid="outbox-failed" className={counts.failed > 0 ? 'popup__error' : undefined}>
            {counts.failed} failed
          </span>
          {counts.failed > 0 && <span className="popup__muted"> — open the sidebar of the record to retry or undo</span>}
        </p>
      )}
      {counts && counts.held > 0 && (
        <p className="popup__muted" data-testid="outbox-held">
          {counts.held} made under other settings (another backend or token): kept, and sent only when you sign in to that
          backend with that token again.
        </p>
      )}
      <button type="button" className="button" onClick={onOpenReview}>
        Open review queue
      </button>
    </section>
  );
}
