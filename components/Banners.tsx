import { formatAge } from './format.ts';
import { RetryButton } from './SidebarStates.tsx';

/** The backend could not confirm what is shown: say how old it is, and offer to try again. */
export function OfflineBanner(props: { message: string; fetchedAt: number; now: number; retrying: boolean; onRetry: () => void }) {
  return (
    <div className="banner banner--offline" role="status" data-testid="stale-banner">
      <p className="banner__text">
        <strong>Can't reach the backend.</strong> Showing what it sent {formatAge(props.fetchedAt, props.now)}.
      </p>
      <p className="banner__detail">{props.message}</p>
      <RetryButton retrying={props.retrying} onRetry={props.onRetry} />
    </div>
  );
}

/** The backend answered, but some sources behind the context have not synced in time. */
export function SourcesStaleBanner({ models }: { models: readonly string[] }) {
  return (
    <p className="banner" role="status" data-testid="sources-stale-banner">
      Some sources are out of date: {models.join(', ') || 'unknown models'}.
    </p>
  );
}
