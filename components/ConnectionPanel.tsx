import type { ReactNode } from 'react';
import type { MessageOutput } from '../lib/contract/messages.ts';
import { formatAge, formatDateTime } from './format.ts';
import { useNow } from './use-now.ts';
import './popup.css';

export type ConnectionStatus = MessageOutput<'connection:get'>;

export interface ConnectionPanelProps {
  /** Null while the background checks the connection. */
  status: ConnectionStatus | null;
  error: string | null;
  onOpenOptions: () => void;
  /** More of the popup (the flag outbox), shown above the options button. */
  children?: ReactNode;
}

/** Connection state at a glance: backend, who we are signed in as, and the last refresh. */
export function ConnectionPanel({ status, error, onOpenOptions, children }: ConnectionPanelProps) {
  const now = useNow();
  return (
    <main className="popup" aria-busy={status === null && error === null}>
      <h1 className="popup__title">Sidelight</h1>
      {error && (
        <p role="alert" className="popup__error">
          {error}
        </p>
      )}
      {status === null && !error && <p role="status">Checking the connection…</p>}
      {status && (
        <dl className="popup__facts">
          <dt>Backend</dt>
          <dd data-testid="popup-backend">
            <code>{status.backendUrl}</code>
            {status.locked.backendUrl && <span className="popup__muted"> (set by policy)</span>}
          </dd>
          <dt>Connection</dt>
          <dd data-testid="popup-identity">
            <Identity identity={status.identity} />
          </dd>
          <dt>Last refresh</dt>
          <dd data-testid="popup-last-refresh">
            <LastRefresh status={status} now={now} />
          </dd>
        </dl>
      )}
      {children}
      <button type="button" className="button button--quiet" onClick={onOpenOptions}>
        Open options
      </button>
    </main>
  );
}

function Identity({ identity }: { identity: ConnectionStatus['identity'] }) {
  switch (identity.state) {
    case 'connected':
      return (
        <>
          Signed in as <strong>{identity.name}</strong> ({identity.role})
        </>
      );
    case 'signed-out':
      return <>Not signed in</>;
    case 'rejected':
      return <span className="popup__error">Token rejected: {identity.message}</span>;
    case 'unreachable':
      return <span className="popup__error">Can't reach the backend: {identity.message}</span>;
  }
}

function LastRefresh({ status, now }: { status: ConnectionStatus; now: number }) {
  const { lastSuccessAt, lastFailure } = status;
  const failedSince = lastFailure && (lastSuccessAt === null || lastFailure.at > lastSuccessAt) ? lastFailure : null;
  return (
    <>
      {lastSuccessAt === null ? 'Never' : <span title={formatDateTime(lastSuccessAt)}>{formatAge(lastSuccessAt, now)}</span>}
      {failedSince && (
        <span className="popup__error" title={failedSince.message}>
          {' '}
          · failed {formatAge(failedSince.at, now)}
        </span>
      )}
    </>
  );
}
