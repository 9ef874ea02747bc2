import type { Context } from '../lib/contract/lookup.ts';
import type { EntityKind } from './EntityHeader.tsx';
import { HealthCard } from './HealthCard.tsx';
import { MatchesCard } from './MatchesCard.tsx';
import { MetricTiles } from './MetricTiles.tsx';
import { PropertyGroups } from './PropertyGroups.tsx';

export interface EntityDetailsProps {
  context: Context;
  /** Which of the context's entities to detail: its properties, metrics and matches are filtered by it. */
  kind: EntityKind;
  entityId: string | null;
  fetchedAt: number;
  now: number;
}

/** One entity in full: health (accounts), governed metrics, properties with their lineage, matched records. */
export function EntityDetails({ context, kind, entityId, fetchedAt, now }: EntityDetailsProps) {
  return (
    <>
      {kind === 'account' && context.health && <HealthCard health={context.health} />}
      <MetricTiles metrics={context.metrics.filter((m) => m.entity === kind)} now={now} />
      <PropertyGroups properties={context.properties.filter((p) => p.entity === kind)} now={now} />
      <MatchesCard
        matches={context.matches.filter((m) => m.entity.kind === kind)}
        entityId={entityId}
        // A context cached before flags were part of it has none.
        flags={(context.flags ?? []).filter((f) => f.entity.kind === kind)}
        fetchedAt={fetchedAt}
      />
    </>
  );
}
