import type { Context } from '../lib/contract/lookup.ts';
import { formatAge, formatDateTime, formatPropertyValue } from './format.ts';

type ContextProperty = Context['properties'][number];

/** Properties grouped as the backend labels them; each value carries its source and how old it is. */
export function PropertyGroups({ properties, now }: { properties: readonly ContextProperty[]; now: number }) {
  const groups = Map.groupBy(properties, (property) => property.group);
  return (
    <>
      {[...groups].map(([group, members]) => (
        <section className="group" key={group} aria-label={group}>
          <h3 className="group__title">{group}</h3>
          <dl className="group__list">
            {members.map((property) => (
              <div className="property" key={`${property.entity}:${property.key}`} data-testid={`property-${property.key}`}>
                <dt className="property__label">{property.label}</dt>
                <dd className="property__value">
                  <PropertyValue property={property} />
                  <Lineage property={property} now={now} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

function PropertyValue({ property }: { property: ContextProperty }) {
  const { text, href } = formatPropertyValue(property);
  if (!href) return <span className="property__text">{text}</span>;
  return (
    <a className="property__text" href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
}

function Lineage({ property, now }: { property: ContextProperty; now: number }) {
  const observed = formatDateTime(property.observedAt);
  return (
    <span
      className="property__lineage"
      title={`From ${property.source} (${property.system}), record ${property.sourceRecordId}, observed ${observed}`}
    >
      <span className={`badge badge--${property.system}`}>{property.source}</span>
      <span className="property__age">{formatAge(property.observedAt, now)}</span>
    </span>
  );
}
