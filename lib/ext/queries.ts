import { keepPreviousData, queryOptions, skipToken } from '@tanstack/react-query';
import type { EntityKey } from '../contract/messages.ts';
import { ask } from './messaging.ts';

/** Query keys, general to specific: everything about contexts, one tab, one revision, its refresh. */
export const contextKeys = {
  all: ['context'] as const,
  tab: (tabId: number | null) => [...contextKeys.all, tabId] as const,
  revision: (tabId: number | null, revision: string | null) => [...contextKeys.tab(tabId), revision] as const,
  refresh: (tabId: number | null, revision: string | null) => [...contextKeys.revision(tabId, revision), 'refresh'] as const,
};

export const settingsKeys = {
  all: ['settings'] as const,
};

export const connectionKeys = {
  all: ['connection'] as const,
};

/**
 * The context of one tab at one revision of its detection: the background's fastest answer (its cache,
 * when it has one). A new revision is a new query, so the sidebar shows a skeleton, never the previous
 * customer, while the next one loads.
 */
export function tabContextQuery(tabId: number | null, revision: string | null) {
  return queryOptions({
    queryKey: contextKeys.revision(tabId, revision),
    queryFn: tabId === null || revision === null ? skipToken : () => ask('context:get', { tabId }),
    // Asking again is cheap (the background answers from its cache and decides when to revalidate).
    staleTime: 5_000,
    // "waiting" means the content script has not reported yet; the revision change usually wakes us first.
    refetchInterval: (query) => (query.state.data?.state === 'waiting' ? 1_000 : false),
    retry: 1,
  });
}

/**
 * The outcome of the refresh the background started when it answered from its cache: the new context,
 * the same one confirmed, or the cached one marked offline. Enabled only while a refresh is under way.
 */
export function tabContextRefreshQuery(tabId: number | null, revision: string | null, refreshing: boolean) {
  return queryOptions({
    queryKey: contextKeys.refresh(tabId, revision),
    queryFn: tabId === null || revision === null || !refreshing ? skipToken : () => ask('context:get', { tabId, fresh: true }),
    staleTime: 30_000,
    retry: 1,
  });
}

export function settingsQuery() {
  return queryOptions({ queryKey: settingsKeys.all, queryFn: () => ask('settings:get', {}) });
}

export function connectionQuery() {
  return queryOptions({ queryKey: connectionKeys.all, queryFn: () => ask('connection:get', {}) });
}

export const outboxKeys = {
  all: ['outbox'] as const,
};

export const reviewKeys = {
  all: ['review'] as const,
  list: (status: 'open' | 'all') => [...reviewKeys.all, status] as const,
};

/** The flag outbox and its counts; pages ask again when the background bumps the outbox's revision. */
export function outboxQuery() {
  return queryOptions({ queryKey: outboxKeys.all, queryFn: () => ask('flags:list', {}) });
}

/** The review queue through the background (which holds the token and knows the role). */
export function reviewQuery(status: 'open' | 'all') {
  return queryOptions({ queryKey: reviewKeys.list(status), queryFn: () => ask('review:list', { status }), staleTime: 10_000 });
}

/** A chosen entity's context and its refresh: keyed by what was chosen, never by the tab. */
export const entityKeys = {
  all: ['entity'] as const,
  one: ({ kind, id }: EntityKey) => [...entityKeys.all, kind, id] as const,
  refresh: (entity: EntityKey) => [...entityKeys.one(entity), 'refresh'] as const,
};

/** The context of an account or person the agent chose: the background's fastest answer (its cache, when it has one). */
export function entityContextQuery(entity: EntityKey) {
  return queryOptions({
    queryKey: entityKeys.one(entity),
    queryFn: () => ask('entity:get', { kind: entity.kind, id: entity.id }),
    staleTime: 5_000,
    retry: 1,
  });
}

/** The outcome of the refresh the background started when it answered from its cache. */
export function entityContextRefreshQuery(entity: EntityKey, refreshing: boolean) {
  return queryOptions({
    queryKey: entityKeys.refresh(entity),
    queryFn: refreshing ? () => ask('entity:get', { kind: entity.kind, id: entity.id, fresh: true }) : skipToken,
    staleTime: 30_000,
    retry: 1,
  });
}

/** The shortest query the backend searches for (`GET /v1/search` refuses one character). */
export const MIN_SEARCH_LENGTH = 2;

export const searchKeys = {
  all: ['search'] as const,
  query: (q: string) => [...searchKeys.all, q] as const,
};

/** Accounts and people matching `q`; the last results stay on screen while the next ones load. */
export function customerSearchQuery(q: string) {
  const query = q.trim();
  return queryOptions({
    queryKey: searchKeys.query(query),
    queryFn: query.length < MIN_SEARCH_LENGTH ? skipToken : () => ask('search:query', { q: query }),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    retry: 1,
  });
}
