import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect } from 'react';
import { browser } from 'wxt/browser';
import { FlagActionsContext } from '../../components/flag-actions.ts';
import { Sidebar } from '../../components/Sidebar.tsx';
import { SidebarPanel } from '../../components/SidebarPanel.tsx';
import { entityKeys } from '../../lib/ext/queries.ts';
import { markContextRendered } from '../../lib/ext/render-marks.ts';
import { useHostPreferences } from '../../lib/ext/use-host-preferences.ts';
import { useFlagActions } from '../../lib/ext/use-outbox.ts';
import { usePanelState } from '../../lib/ext/use-panel-state.ts';
import { useTabContext } from '../../lib/ext/use-tab-context.ts';
import { useCurrentTabId } from '../../lib/ext/use-tab-revision.ts';

/** Wires the sidebar to its tab: the context of what the tab shows, in the remembered panel. */
export function SidebarApp() {
  const tabId = useCurrentTabId();
  const { view, retrying, retry } = useTabContext(tabId);
  const [panel, setPanel] = usePanelState();
  const [preferences] = useHostPreferences();
  const queryClient = useQueryClient();
  // A flag or undo the backend applied moved a record: ask for the context again, and for any chosen one.
  const flagActions = useFlagActions({
    onSent: () => {
      retry();
      void queryClient.invalidateQueries({ queryKey: entityKeys.all });
    },
  });

  // A layout effect: the mark lands when the context is in the DOM, before the browser paints it.
  useLayoutEffect(() => {
    if (view.state === 'ready') markContextRendered(view);
  }, [view]);

  return (
    <SidebarPanel panel={panel} side={preferences?.side} busy={view.state === 'loading'} onChange={setPanel}>
      <FlagActionsContext value={flagActions}>
        <Sidebar
          key={view.state === 'ready' ? view.detection.url : view.state}
          view={view}
          retrying={retrying}
          onRetry={retry}
          onOpenOptions={() => void browser.runtime.openOptionsPage()}
        />
      </FlagActionsContext>
    </SidebarPanel>
  );
}
