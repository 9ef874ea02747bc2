/** The sidebar's states other than a context: each says what happened and what to do next. */

export function LoadingSkeleton() {
  return (
    <div className="skeleton" data-testid="sidebar-loading" aria-label="Loading customer context">
      <div className="skeleton__line skeleton__line--title" />
      <div className="skeleton__line" />
      <div className="skeleton__line skeleton__line--short" />
      <div className="skeleton__line" />
    </div>
  );
}

export function Waiting() {
  return <p className="notice" data-testid="sidebar-waiting">Reading the page…</p>;
}

export function SignedOut({ onOpenOptions }: { onOpenOptions: () => void }) {
  return (
    <section className="notice" data-testid="sidebar-signed-out">
      <h2 className="notice__title">Signed out</h2>
      <p>Sidelight needs a token from your backend.</p>
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

export function FailureState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <section className="notice notice--error" role="alert" data-testid="sidebar-error">
      <h2 className="notice__title">Could not load the customer</h2>
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </section>
  );
}
