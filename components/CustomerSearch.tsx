import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { EntityRef } from '../lib/contract/lookup.ts';
import { MIN_SEARCH_LENGTH } from '../lib/ext/queries.ts';
import { useCustomerSearch } from '../lib/ext/use-customer-search.ts';
import type { SearchView } from '../lib/ext/use-customer-search.ts';
import { ChosenSearchResult } from './ChosenEntity.tsx';

/**
 * The "no customer found" way out: search the backend's accounts and people, and open the one this page
 * is about. What the agent typed stays when they come back from a result.
 */
export function CustomerSearch({ onChosen }: { onChosen?: (entity: EntityRef | null) => void }) {
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<EntityRef | null>(null);
  const view = useCustomerSearch(typed);
  const choose = (entity: EntityRef | null) => {
    setChosen(entity);
    onChosen?.(entity);
  };
  if (chosen) return <ChosenSearchResult entity={chosen} onBack={() => choose(null)} />;
  return <SearchForm typed={typed} onType={setTyped} view={view} onChoose={choose} autoFocus={typed !== ''} />;
}

export interface SearchFormProps {
  typed: string;
  onType: (typed: string) => void;
  view: SearchView;
  onChoose: (entity: EntityRef) => void;
  /** Back from a result: the focus returns to the box (never on first render, which would take it from the host app). */
  autoFocus?: boolean;
}

const KIND_LABELS = { account: 'Account', person: 'Person' } as const;

/** The search box and its results: arrow keys move from the box through the results and back. */
export function SearchForm({ typed, onType, view, onChoose, autoFocus = false }: SearchFormProps) {
  const inputId = useId();
  const statusId = useId();
  const listId = useId();
  const list = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const results = view.state === 'results' ? view.results : view.state === 'searching' ? (view.results ?? []) : [];

  function move(event: KeyboardEvent, from: number) {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step === undefined) return;
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const next = from + step;
    if (next < -1 || next >= buttons.length || buttons.length === 0) return;
    event.preventDefault();
    (next === -1 ? input.current : buttons[next])?.focus();
  }

  return (
    <section className="card search" data-testid="customer-search" role="search">
      <label className="card__title search__label" htmlFor={inputId}>
        Search customers
      </label>
      <input
        ref={input}
        id={inputId}
        className="search__input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        // The focus returns here when the agent comes back from a result (never on load: see props).
        autoFocus={autoFocus}
        placeholder="Name, email or domain"
        value={typed}
        aria-describedby={statusId}
        aria-controls={listId}
        data-testid="search-input"
        onChange={(event) => onType(event.target.value)}
        onKeyDown={(event) => move(event, -1)}
      />
      <p id={statusId} className="card__hint search__status" role="status" data-testid="search-status">
        {statusOf(view)}
      </p>
      <ul id={listId} ref={list} className="candidates__list search__results" aria-busy={view.state === 'searching'}>
        {results.map((entity, index) => (
          <li key={`${entity.kind}:${entity.id}`}>
            <button
              type="button"
              className="candidates__option"
              data-testid="search-result"
              data-kind={entity.kind}
              onClick={() => onChoose(entity)}
              onKeyDown={(event) => move(event, index)}
            >
              <span className="search__result-head">
                <span className="candidates__name">{entity.name}</span>
                <span className="search__kind">{KIND_LABELS[entity.kind]}</span>
              </span>
              {entity.detail && <span className="entity__detail">{entity.detail}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function statusOf(view: SearchView): string {
  switch (view.state) {
    case 'idle':
      return 'Find the account or person this page is about.';
    case 'too-short':
      return `Type at least ${MIN_SEARCH_LENGTH} characters.`;
    case 'searching':
      return 'Searching…';
    case 'failed':
      return `Search failed: ${view.message}`;
    case 'results':
      return view.results.length === 0
        ? `Nothing matches “${view.query}”.`
        : `${view.results.length} ${view.results.length === 1 ? 'match' : 'matches'}: pick one to see it in full.`;
  }
}
