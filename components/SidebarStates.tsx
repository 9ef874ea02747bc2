/** The sidebar's states other than a context: each says what happened and what to do next. */

export function LoadingSkeleton() {
  return (
    <div className="skeleton" data-testid="sidebar-loading" role="status" aria-label="Loading customer context">
      <div className="skeleton__line skeleton__line--title" />
      <div className="skeleton__line skeleton__line--short" />
      <div className="skeleton__line" />
      <div className="skeleton__line" />
      <div className="skeleton__line skeleton__line--short" />
    </div>
  );
}

export function Waiting() {
  return (
    <p className="notice" data-testid="sidebar-waiting" role="status">
      Reading the page…
    </p>
  );
}

const SIGNED_OUT = {
  'no-token': { title: 'Not signed in', text: 'Sidelight needs a token from your backend.' },
  rejected: { title: 'Token rejected', text: 'The backend refused the saved token: it may have expired or been revoked.' },
} as const;

export function SignedOut({ reason, onOpenOptions }: { reason: keyof typeof SIGNED_OUT; onOpenOptions: () => void }) {
  const { title, text } = SIGNED_OUT[reason];
  return (
    <section className="notice" data-testid="sidebar-signed-out" data-reason={reason}>
      <h2 className="notice__title">{title}</h2>
      <p>{text}</p>
      <button type="button" className="button" onClick={onOpenOptions}>
        Open options
      </button>
    </section>
  );
}

export function NothingDetected({ reason, lookedFor }: { reason: string; lookedFor: readonly string[] }) {
  return (
    <section className="notice" data-testid="sidebar-nothing-detected">
      <h2 className="notice__title">Nothing detected</h2>
      <p>{reason}</p>
      {lookedFor.length > 0 && (
        <>
          <p>Looked for:</p>
          <ul className="notice__list">
            {lookedFor.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function FailureState({ message, retrying, onRetry }: { message: string; retrying: boolean; onRetry: () => void }) {
  return (
    <section className="notice notice--error" role="alert" data-testid="sidebar-error">
      <h2 className="notice__title">Could not load the customer</h2>
      <p>{message}</p>
      <RetryButton retrying={retrying} onRetry={onRetry} />
    </section>
  );
}

export function RetryButton({ retrying, onRetry }: { retrying: boolean; onRetry: () => void }) {
  return (
    <button type="button" className="button" onClick={onRetry} disabled={retrying} aria-busy={retrying}>
      {retrying ? 'Retrying…' : 'Retry'}
    </button>
  );
}
