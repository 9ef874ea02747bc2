import type { TableMatch } from './types.ts';

const STAFF = /^(agent|admin|administrator|staff|employee|internal|bot|system|operator|support)$/i;

/**
 * A help desk or app keeps its own staff in the same table as its customers (Zendesk's agents): a `role`
 * or `type` column with such values deserves a `where` clause, which suggest leaves to a person.
 */
export function staffFilterHint(match: TableMatch, quoteName: (name: string) => string): string | null {
  if (match.kind !== 'users') return null;
  const mapped = new Set(match.fields.flatMap((f) => f.columns));
  for (const column of match.table.columns) {
    if (mapped.has(column.name) || !(column.concepts.includes('role') || column.concepts.includes('type'))) continue;
    const staff = column.values.top.filter(([value]) => STAFF.test(value.trim()));
    if (staff.length === 0 || staff.length === column.values.top.length) continue;
    const listed = column.values.top.map(([value, count]) => `${value} (${count})`).join(', ');
    const values = staff.map(([value]) => `'${value.replaceAll("'", "''")}'`).join(', ');
    return `${column.name} holds ${listed}: if the ${values} rows are your own staff, add where ${quoteName(column.name)} not in (${values})`;
  }
  return null;
}
