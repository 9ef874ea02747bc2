import type { Impact } from '../lib/contract/identity.ts';

/** A value before or after, as text only (the backend's values are never markup). */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** What the decision changes: each property and metric that moves with the records, before and after. */
export function ImpactTable({ impact }: { impact: Impact }) {
  const rows = [
    ...impact.properties.map((p) => ({ key: `p:${p.key}`, label: p.label, before: show(p.before), after: show(p.after) })),
    ...impact.metrics.map((m) => ({ key: `m:${m.key}`, label: m.label, before: show(m.before), after: show(m.after) })),
  ];
  if (rows.length === 0) return <p className="review-item__muted">No property or metric changes.</p>;
  return (
    <table className="impact" data-testid="review-impact">
      <caption>Impact</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-changed={row.before !== row.after || undefined}>
            <th scope="row">{row.label}</th>
            <td>{row.before}</td>
            <td>{row.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
