import { useState } from 'react';
import type { EntityRef } from '../lib/contract/lookup.ts';
import type { TabContext } from '../lib/contract/messages.ts';
import { OfflineBanner, SourcesStaleBanner } from './Banners.tsx';
import { Candidates } from './Candidates.tsx';
import { ChosenCandidateDetails } from './ChosenEntity.tsx';
import { CustomerSearch } from './CustomerSearch.tsx';
import { EntityDetails } from './EntityDetails.tsx';
import { EntityHeader } from './EntityHeader.tsx';
import type { EntityKind } from './EntityHeader.tsx';
import { formatAge, formatDateTime, identifierLabel } from './format.ts';
import './metrics.css';
import { useNow } from './use-now.ts';

type ReadyView = Extract<TabContext, { state: 'ready' }>;

/**
 * A resolved context: who (the account and the person, one shown in detail at a time), what we know
 * (properties with their source and age) and why we think so (the matched source records).
 */
export function ContextView({ view, retrying, onRetry }: { view: ReadyView; retrying: boolean; onRetry: () => void }) {
  const { context, detection, fetchedAt, offline, origin } = view;
  const now = useNow();
  const [chosen, setChosen] = useState<EntityRef | null>(null);
  const [searchChosen, setSearchChosen] = useState(false);
  const account = context.account ?? (chosen?.kind === 'account' ? chosen : null);
  const person = context.person ?? (chosen?.kind === 'person' ? chosen : null);
  const [selected, setSelected] = useState<EntityKind>(account ? 'account' : 'person');
  const shown: EntityKind = selected === 'account' ? (account ? 'account' : 'person') : person ? 'person' : 'account';
  const shownEntity = shown === 'account' ? account : person;

  return (
    <div className="context" data-testid="sidebar-context" data-origin={origin} data-status={context.status}>
      {offline !== null && <OfflineBanner message={offline} fetchedAt={fetchedAt} now={now} retrying={retrying} onRetry={onRetry} />}
      {context.freshness.stale && <SourcesStaleBanner models={context.freshness.staleModels} />}
      <p className="context__subject" data-testid="context-subject">
        {detection.label}
      </p>
      {context.status === 'none' ? (
        <>
          {!searchChosen && (
            <section className="notice" data-testid="sidebar-none">
              <h2 className="notice__title">No customer found</h2>
              <p>Nothing in your data matches what this page shows:</p>
              <ul className="notice__list">
                {detection.identifiers.map(({ type, value }) => (
                  <li key={`${type}:${value}`}>
                    {identifierLabel(type)} <code>{value}</code>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <CustomerSearch onChosen={(entity) => setSearchChosen(entity !== null)} />
        </>
      ) : (
        <>
          <EntityHeader
            account={account}
            person={person}
            selected={shown}
            chosenId={chosen?.id ?? null}
            onSelect={setSelected}
            panelId="sidelight-entity-panel"
          />
          {context.status === 'ambiguous' && (
            <Candidates
              candidates={context.candidates}
              chosenId={chosen?.id ?? null}
              onChoose={(candidate) => {
                setChosen(candidate);
                setSelected(candidate.kind);
              }}
            />
          )}
          <div id="sidelight-entity-panel" role="tabpanel" aria-label={shownEntity?.name ?? 'Details'}>
            {chosen && shownEntity?.id === chosen.id ? (
              // The lookup carries no details for a candidate: the backend is asked for the one picked.
              <ChosenCandidateDetails key={`${chosen.kind}:${chosen.id}`} entity={chosen} />
            ) : (
              <EntityDetails context={context} kind={shown} entityId={shownEntity?.id ?? null} fetchedAt={fetchedAt} now={now} />
            )}
          </div>
        </>
      )}
      <p className="context__age" data-testid="context-age" title={formatDateTime(fetchedAt)}>
        {origin === 'cache' ? 'From the cache, ' : ''}checked with the backend {formatAge(fetchedAt, now)}
      </p>
    </div>
  );
}
