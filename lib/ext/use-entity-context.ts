import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { EntityContext, EntityKey } from '../contract/messages.ts';
import { entityContextQuery, entityContextRefreshQuery, entityKeys } from './queries.ts';

export type EntityContextView = { state: 'loading' } | { state: 'failed'; message: string } | EntityContext;

/**
 * A chosen entity's context, stale-while-revalidate: the background's first answer renders at once (from
 * its cache when it has one); when it says a refresh is under way, a second ask waits for that refresh
 * and its answer replaces the first (as `useTabContext` does for the tab's own context).
 */
export function useEntityContext(entity: EntityKey) {
  const queryClient = useQueryClient();
  const first = useQuery(entityContextQuery(entity));
  const refreshing = first.data?.state === 'ready' && first.data.refreshing;
  const refresh = useQuery(entityContextRefreshQuery(entity, refreshing));

  const view: EntityContextView =
    refreshing && refresh.data
      ? refresh.data
      : first.isError
        ? { state: 'failed', message: first.error.message }
        : (first.data ?? { state: 'loading' });

  const { kind, id } = entity;
  const retry = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: entityKeys.one({ kind, id }) }),
    [queryClient, kind, id],
  );
  return { view, retrying: first.isRefetching || refresh.isFetching, retry };
}
