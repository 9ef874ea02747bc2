import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TabContext } from '../contract/messages.ts';
import { contextKeys, tabContextQuery, tabContextRefreshQuery } from './queries.ts';
import { useTabRevision } from './use-tab-revision.ts';

export type TabContextView = { state: 'loading' } | { state: 'failed'; message: string } | TabContext;

/**
 * The sidebar's view of its tab, stale-while-revalidate: the background's first answer renders at once
 * (from its cache when it has one); when it says a refresh is under way, a second ask waits for that
 * refresh and its answer replaces the first. A new revision for the same page (the app rendered the
 * requester late) keeps the current view until its answer arrives; another page starts from a skeleton,
 * so the previous customer is never shown for it.
 */
export function useTabContext(tabId: number | null) {
  const queryClient = useQueryClient();
  const tab = useTabRevision(tabId, {
    // Dated when the background wrote it: a seed read again later (a reloaded page) is asked again.
    onSeed: (revision, context, at) => queryClient.setQueryData(tabContextQuery(tabId, revision).queryKey, context, { updatedAt: at }),
    // Without a seed the background needs the backend: ask now, the ask joins its request.
    onRevision: (revision) => void queryClient.prefetchQuery(tabContextQuery(tabId, revision)),
  });
  const revision = tab?.revision ?? null;
  const first = useQuery({
    ...tabContextQuery(tabId, revision),
    placeholderData: (previous) => (previous?.state === 'ready' && previous.detection.url === tab?.url ? previous : undefined),
  });
  const refreshing = !first.isPlaceholderData && first.data?.state === 'ready' && first.data.refreshing;
  const refresh = useQuery(tabContextRefreshQuery(tabId, revision, refreshing));

  const view: TabContextView =
    refreshing && refresh.data
      ? refresh.data
      : first.isError
        ? { state: 'failed', message: first.error.message }
        : (first.data ?? { state: 'loading' });

  const retry = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: contextKeys.tab(tabId) }),
    [queryClient, tabId],
  );
  return { view, retrying: first.isRefetching || refresh.isFetching, retry };
}
