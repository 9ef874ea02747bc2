import { useQuery } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { ConnectionPanel } from '../../components/ConnectionPanel.tsx';
import { OutboxSummary } from '../../components/OutboxSummary.tsx';
import { connectionQuery } from '../../lib/ext/queries.ts';
import { useOutbox } from '../../lib/ext/use-outbox.ts';

/** The toolbar popup: where Sidelight connects, as whom, when it last heard from the backend, and its flags. */
export function PopupApp() {
  const connection = useQuery(connectionQuery());
  const outbox = useOutbox();
  return (
    <ConnectionPanel
      status={connection.data ?? null}
      error={connection.isError ? connection.error.message : null}
      onOpenOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())}
    >
      <OutboxSummary
        counts={outbox.data?.counts ?? null}
        onOpenReview={() => void browser.tabs.create({ url: browser.runtime.getURL('/review.html') }).then(() => window.close())}
      />
    </ConnectionPanel>
  );
}
