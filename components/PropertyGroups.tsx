import type { Context } from '../lib/contract/lookup.ts';

type ContextProperty = Context['properties'][number];

/** Properties grouped as the backend labels them; each value carries the source it came from. */
export function PropertyGroups({ properties }: { properties: readonly ContextProperty[] }) {
  const groups = Map.groupBy(properties, (property) => property.group);
  return (
    <>
      {[...groups].map(([group, members]) => (
        <section className="group" key={group}>
          <h3 className="group__title">{group}</h3>
          <dl className="group__list">
            {members.map((property) => (
              <div className="property" key={`${property.entity}:${property.key}`}>
                <dt className="property__label">{property.label}</dt>
                <dd className="property__value">
                  <span>{formatValue(property)}</span>
                  <SourceBadge property={property} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

function SourceBadge({ property }: { property: ContextProperty }) {
  const observed = new Date(property.observedAt).toLocaleString();
  return (
    <span
      className={`badge badge--${property.system}`}
      title={`${property.source} (${property.system}), record ${property.sourceRecordId}, observed ${observed}`}
    >
      {property.source}
    </span>
  );
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** Customer values are shown as text, never as markup. */
function formatValue({ value, format }: ContextProperty): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') {
    if (format === 'date') return new Date(value).toLocaleDateString();
    return numberFormat.format(value);
  }
  if (format === 'date') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString();
  }
  return value;
}
