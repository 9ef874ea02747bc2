import { queryOptions, skipToken } from '@tanstack/react-query';
import { ask } from './messaging.ts';

/** Query keys, general to specific: everything about contexts, one tab, one revision of that tab. */
export const contextKeys = {
  all: ['context'] as const,
  tab: (tabId: number | null) => [...contextKeys.all, tabId] as const,
  revision: (tabId: number | null, revision: string | null) => [...contextKeys.tab(tabId), revision] as const,
};

export const settingsKeys = {
  all: ['settings'] as const,
};

/**
 * The context of one tab at one revision of its detection. A new revision is a new query, so the sidebar
 * shows a skeleton, never the previous customer, while the next one loads.
 */
export function tabContextQuery(tabId: number | null, revision: string | null) {
  return queryOptions({
    queryKey: contextKeys.revision(tabId, revision),
    queryFn: tabId === null || revision === null ? skipToken : () => ask('context:get', { tabId }),
    staleTime: 30_000,
    // "waiting" means the content script has not reported yet; the revision change usually wakes us first.
    refetchInterval: (query) => (query.state.data?.state === 'waiting' ? 1_000 : false),
    retry: 1,
  });
}

export function settingsQuery() {
  return queryOptions({ queryKey: settingsKeys.all, queryFn: () => ask('settings:get', {}) });
}
