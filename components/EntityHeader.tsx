import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { EntityRef } from '../lib/contract/lookup.ts';

export type EntityKind = 'account' | 'person';

const KIND_LABELS: Record<EntityKind, string> = { account: 'Account', person: 'Person' };

export interface EntityHeaderProps {
  account: EntityRef | null;
  person: EntityRef | null;
  selected: EntityKind;
  /** A candidate the agent picked in an ambiguous context (not the backend's resolution). */
  chosenId: string | null;
  onSelect: (kind: EntityKind) => void;
  panelId: string;
}

/**
 * The account and the person, each a tab: the selected one's details show below. Arrow keys move between
 * them (WAI-ARIA tabs pattern). With only one of them there is nothing to switch, so no tabs.
 */
export function EntityHeader({ account, person, selected, chosenId, onSelect, panelId }: EntityHeaderProps) {
  const entities = [account, person].filter((entity): entity is EntityRef => entity !== null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  if (entities.length < 2) {
    return <header className="entities">{entities[0] && <EntitySummary entity={entities[0]} chosen={entities[0].id === chosenId} />}</header>;
  }

  function onKeyDown(event: KeyboardEvent, index: number) {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = (index + step + entities.length) % entities.length;
    onSelect(entities[next]!.kind);
    tabs.current[next]?.focus();
  }

  return (
    <header className="entities entities--tabs" role="tablist" aria-label="Customer">
      {entities.map((entity, index) => (
        <button
          key={entity.kind}
          ref={(element) => {
            tabs.current[index] = element;
          }}
          type="button"
          role="tab"
          className="entities__tab"
          aria-selected={entity.kind === selected}
          aria-controls={panelId}
          tabIndex={entity.kind === selected ? 0 : -1}
          onClick={() => onSelect(entity.kind)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          <EntitySummary entity={entity} chosen={entity.id === chosenId} />
        </button>
      ))}
    </header>
  );
}

function EntitySummary({ entity, chosen }: { entity: EntityRef; chosen: boolean }) {
  return (
    <span className={`entity entity--${entity.kind}`}>
      <span className="entity__kind">
        {KIND_LABELS[entity.kind]}
        {chosen && <span className="badge badge--chosen">chosen here</span>}
      </span>
      <span className="entity__name" data-testid={`${entity.kind}-name`}>
        {entity.name}
      </span>
      {entity.detail && <span className="entity__detail">{entity.detail}</span>}
    </span>
  );
}
