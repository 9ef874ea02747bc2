import { useQuery } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { Sidebar } from '../../components/Sidebar.tsx';
import type { SidebarView } from '../../components/Sidebar.tsx';
import { tabContextQuery } from '../../lib/ext/queries.ts';
import { useCurrentTabId, useTabRevision } from '../../lib/ext/use-tab-revision.ts';

/** Wires the sidebar to its tab: the tab's detection revision keys the context query. */
export function SidebarApp() {
  const tabId = useCurrentTabId();
  const revision = useTabRevision(tabId);
  const query = useQuery(tabContextQuery(tabId, revision));

  const view: SidebarView = query.isError
    ? { state: 'failed', message: query.error.message }
    : (query.data ?? { state: 'loading' });

  return (
    <Sidebar
      view={view}
      onRetry={() => void query.refetch()}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}
