import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FlagActions } from '../../components/flag-actions.ts';
import type { FlagRequest } from '../contract/identity.ts';
import type { OutboxChange, OutboxItem } from '../contract/outbox.ts';
import { ask } from './messaging.ts';
import { outboxKeys, outboxQuery } from './queries.ts';
import { outboxRevisionItem } from './storage.ts';

/** Asks for the outbox again whenever the background says it changed (it bumps a `storage.session` key). */
export function useOutbox() {
  const queryClient = useQueryClient();
  useEffect(
    () => outboxRevisionItem.watch(() => void queryClient.invalidateQueries({ queryKey: outboxKeys.all })),
    [queryClient],
  );
  return useQuery(outboxQuery());
}

type OutboxList = NonNullable<ReturnType<typeof useOutbox>['data']>;

/** How a new flag shows before the background's answer: pending, like the entry about to be written. */
function placeholderOf(request: FlagRequest): OutboxItem {
  const now = Date.now();
  return {
    id: `placeholder:${crypto.randomUUID()}`,
    kind: 'flag',
    state: 'pending',
    flag: request,
    flagId: null,
    backendUrl: '',
    held: false,
    createdAt: now,
    attempts: 0,
    lastAttemptAt: null,
    nextAttemptAt: now,
    windowEndsAt: now,
    lastError: null,
    lastErrorKind: null,
    settledAt: null,
    result: null,
    undoRequested: false,
    undoId: null,
  };
}

/**
 * The sidebar's flag actions over the background's outbox. A flag shows as pending at once (before the
 * background's answer); `onSent` runs whenever an entry of ours reaches the backend, so the sidebar can
 * fetch the context again (the backend has split the record out, or put it back).
 */
export function useFlagActions({ onSent }: { onSent: () => void }): FlagActions {
  const queryClient = useQueryClient();
  const outbox = useOutbox();
  const [error, setError] = useState<string | null>(null);
  const settle = (change: OutboxChange) => setError(change.ok ? null : change.message);
  const refresh = () => queryClient.invalidateQueries({ queryKey: outboxKeys.all });
  const onError = (failure: Error) => setError(failure.message);

  const flag = useMutation({
    mutationFn: (request: FlagRequest) => ask('flag:create', request),
    onMutate: async (request) => {
      await queryClient.cancelQueries({ queryKey: outboxKeys.all });
      queryClient.setQueryData<OutboxList>(outboxKeys.all, (list) => list && { ...list, items: [...list.items, placeholderOf(request)] });
    },
    onSuccess: settle,
    onError,
    onSettled: refresh,
  });
  const change = useMutation({
    mutationFn: (request: () => Promise<OutboxChange>) => request(),
    onSuccess: settle,
    onError,
    onSettled: refresh,
  });

  useSentWatch(outbox.data?.items, onSent);

  const items = outbox.data?.items;
  // `mutate` is stable for the life of a mutation observer: only `items` and `error` change the actions.
  const { mutate: send } = flag;
  const { mutate: apply } = change;
  return useMemo(
    () => ({
      items: items ?? [],
      error,
      flag: (request) => send(request),
      undo: (target) => apply(() => ask('flag:undo', target)),
      retry: (id) => apply(() => ask('outbox:retry', { id })),
      dismiss: (id) => apply(() => ask('outbox:dismiss', { id })),
    }),
    [items, error, send, apply],
  );
}

/** Calls `onSent` when an entry becomes sent after the first answer (entries sent before are old news). */
function useSentWatch(items: readonly OutboxItem[] | undefined, onSent: () => void) {
  const seen = useRef<Set<string> | null>(null);
  const callback = useRef(onSent);
  callback.current = onSent;
  useEffect(() => {
    if (!items) return;
    const sent = items.filter((item) => item.state === 'sent' && !item.held).map((item) => item.id);
    if (seen.current === null) {
      seen.current = new Set(sent);
      return;
    }
    const known = seen.current;
    const fresh = sent.filter((id) => !known.has(id));
    for (const id of fresh) known.add(id);
    if (fresh.length > 0) callback.current();
  }, [items]);
}
