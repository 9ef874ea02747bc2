import type { ReviewDecision } from '../lib/contract/identity.ts';
import type { ReviewDecisionResult, ReviewList } from '../lib/contract/outbox.ts';
import { ReviewItemCard } from './ReviewItemCard.tsx';
import './review.css';

export interface ReviewQueueProps {
  /** Null while the background answers. */
  list: ReviewList | null;
  /** The background itself failed (not the backend, whose failures are in `list`). */
  error: string | null;
  status: 'open' | 'all';
  refreshing: boolean;
  onStatus: (status: 'open' | 'all') => void;
  onRefresh: () => void;
  onDecide: (id: string, decision: ReviewDecision, note: string | undefined) => Promise<ReviewDecisionResult>;
  onOpenOptions: () => void;
}

/** The review queue: flagged wrong merges and uncertain matches, for CS reps and admins to decide. */
export function ReviewQueue(props: ReviewQueueProps) {
  const { list, error, status, refreshing, onStatus, onRefresh } = props;
  return (
    <main className="review" aria-busy={list === null && error === null}>
      <header className="review__bar">
        <h1 className="review__title">Review queue</h1>
        <div className="review__filters" role="group" aria-label="Show">
          {(['open', 'all'] as const).map((value) => (
            <button key={value} type="button" className="button button--quiet" aria-pressed={status === value} onClick={() => onStatus(value)}>
              {value === 'open' ? 'Open' : 'All'}
            </button>
          ))}
          <button type="button" className="button" onClick={onRefresh} disabled={refreshing} aria-busy={refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>
      {error && (
        <p role="alert" className="review__error">
          {error}
        </p>
      )}
      {list === null && !error && <p role="status">Loading the queue…</p>}
      {list && <QueueBody {...props} list={list} />}
    </main>
  );
}

function QueueBody({ list, status, onDecide, onRefresh, onOpenOptions }: ReviewQueueProps & { list: ReviewList }) {
  if (!list.ok) {
    return (
      <section className="review__notice review__notice--error" role="alert" data-testid="review-failure" data-reason={list.reason}>
        <p>{list.reason === 'forbidden' ? `Your role may not see the review queue. ${list.message}` : list.message}</p>
        {list.reason === 'signed-out' && (
          <button type="button" className="button" onClick={onOpenOptions}>
            Open options
          </button>
        )}
      </section>
    );
  }
  return (
    <>
      {!list.canDecide && (
        <p className="review__notice" role="note" data-testid="review-read-only">
          You are signed in as <strong>{list.role}</strong>: you can read the queue, but only CS reps and admins decide.
        </p>
      )}
      {list.items.length === 0 ? (
        <p className="review__notice" data-testid="review-empty">
          {status === 'open' ? 'Nothing to review.' : 'No review items yet.'}
        </p>
      ) : (
        <div className="review__list">
          {list.items.map((item) => (
            <ReviewItemCard
              key={item.id}
              item={item}
              canDecide={list.canDecide}
              onDecide={(decision, note) => onDecide(item.id, decision, note)}
              onRefresh={onRefresh}
            />
          ))}
        </div>
      )}
    </>
  );
}
