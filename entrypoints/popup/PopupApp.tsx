import { useQuery } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { ConnectionPanel } from '../../components/ConnectionPanel.tsx';
import { connectionQuery } from '../../lib/ext/queries.ts';

/** The toolbar popup: where Sidelight connects, as whom, and when it last heard from the backend. */
export function PopupApp() {
  const connection = useQuery(connectionQuery());
  return (
    <ConnectionPanel
      status={connection.data ?? null}
      error={connection.isError ? connection.error.message : null}
      onOpenOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())}
    />
  );
}
