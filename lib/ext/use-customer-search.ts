import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EntityRef } from '../contract/lookup.ts';
import { MIN_SEARCH_LENGTH, customerSearchQuery } from './queries.ts';

/** How long typing must pause before the query goes out. */
export const SEARCH_DEBOUNCE_MS = 250;

export type SearchView =
  | { state: 'idle' }
  | { state: 'too-short' }
  | { state: 'searching'; results: readonly EntityRef[] | null }
  | { state: 'results'; query: string; results: readonly EntityRef[] }
  | { state: 'failed'; message: string };

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The search box's results for what was typed, asked once typing pauses and only from two characters on. */
export function useCustomerSearch(typed: string): SearchView {
  const query = useDebounced(typed.trim(), SEARCH_DEBOUNCE_MS);
  const search = useQuery(customerSearchQuery(query));
  const current = typed.trim();
  if (current.length === 0) return { state: 'idle' };
  if (current.length < MIN_SEARCH_LENGTH) return { state: 'too-short' };
  if (search.isError) return { state: 'failed', message: search.error.message };
  const answer = search.data;
  if (answer && !answer.ok) return { state: 'failed', message: answer.message };
  // Typed but not asked yet, or asked and waiting: the previous results stay, marked as being replaced.
  if (query !== current || search.isPlaceholderData || !answer) return { state: 'searching', results: answer?.results ?? null };
  return { state: 'results', query, results: answer.results };
}
