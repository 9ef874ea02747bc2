import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { EntityRef } from '../lib/contract/lookup.ts';
import type { EntityContext } from '../lib/contract/messages.ts';
import { useEntityContext } from '../lib/ext/use-entity-context.ts';
import { OfflineBanner } from './Banners.tsx';
import { EntityDetails } from './EntityDetails.tsx';
import { EntityHeader } from './EntityHeader.tsx';
import type { EntityKind } from './EntityHeader.tsx';
import { FailureState, LoadingSkeleton } from './SidebarStates.tsx';
import { useNow } from './use-now.ts';

type ReadyEntity = Extract<EntityContext, { state: 'ready' }>;

/**
 * An entity the agent chose (a candidate, a search result), fetched from the background on its own: its
 * loading, failure and offline states, and `children` once its context is here.
 */
function ChosenEntity({ entity, children }: { entity: EntityRef; children: (view: ReadyEntity, now: number) => ReactNode }) {
  const { view, retrying, retry } = useEntityContext(entity);
  const now = useNow();
  switch (view.state) {
    case 'loading':
      return <LoadingSkeleton />;
    case 'signed-out':
      return <FailureState message="Not signed in: add your token in the Sidelight options." retrying={retrying} onRetry={retry} />;
    case 'not-found':
      return <FailureState message={`${entity.name} is no longer known to the backend (${view.message}).`} retrying={retrying} onRetry={retry} />;
    case 'failed':
    case 'error':
      return <FailureState message={view.message} retrying={retrying} onRetry={retry} />;
    case 'ready':
      return (
        <div data-testid="chosen-context" data-origin={view.origin} data-entity={`${entity.kind}:${entity.id}`}>
          {view.offline !== null && <OfflineBanner message={view.offline} fetchedAt={view.fetchedAt} now={now} retrying={retrying} onRetry={retry} />}
          {children(view, now)}
        </div>
      );
  }
}

/** A candidate of an ambiguous lookup, picked by the agent: its own context, in full, under the header's tab. */
export function ChosenCandidateDetails({ entity }: { entity: EntityRef }) {
  return (
    <ChosenEntity entity={entity}>
      {({ context, fetchedAt }, now) => <EntityDetails context={context} kind={entity.kind} entityId={entity.id} fetchedAt={fetchedAt} now={now} />}
    </ChosenEntity>
  );
}

/** A search result the agent chose: its account and person as tabs, each in full, and the way back to the results. */
export function ChosenSearchResult({ entity, onBack }: { entity: EntityRef; onBack: () => void }) {
  const back = useRef<HTMLButtonElement>(null);
  // Chosen with the keyboard, the focus would otherwise be lost with the result's button.
  useEffect(() => back.current?.focus(), []);
  return (
    <section className="chosen" aria-label={`${entity.name}, chosen here`}>
      <button ref={back} type="button" className="button button--quiet chosen__back" onClick={onBack}>
        ← Back to the search
      </button>
      <ChosenEntity entity={entity}>{(view, now) => <ChosenContextBody view={view} chosen={entity} now={now} />}</ChosenEntity>
    </section>
  );
}

function ChosenContextBody({ view, chosen, now }: { view: ReadyEntity; chosen: EntityRef; now: number }) {
  const { context, fetchedAt } = view;
  const [selected, setSelected] = useState<EntityKind>(chosen.kind);
  const shown: EntityKind = selected === 'account' ? (context.account ? 'account' : 'person') : context.person ? 'person' : 'account';
  const shownEntity = shown === 'account' ? context.account : context.person;
  return (
    <>
      <EntityHeader
        account={context.account}
        person={context.person}
        selected={shown}
        chosenId={chosen.id}
        onSelect={setSelected}
        panelId="sidelight-chosen-panel"
      />
      <div id="sidelight-chosen-panel" role="tabpanel" aria-label={shownEntity?.name ?? 'Details'}>
        <EntityDetails context={context} kind={shown} entityId={shownEntity?.id ?? null} fetchedAt={fetchedAt} now={now} />
      </div>
    </>
  );
}
