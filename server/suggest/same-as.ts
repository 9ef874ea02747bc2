import type { SourceApp, SourceConfig } from '../config/schema.ts';
import { share } from './profile-table.ts';
import { isForeign, isOwnKey } from './score-column.ts';
import type { ColumnProfile, TableMatch } from './types.ts';
import type { IdSystem } from './value-patterns.ts';

export interface SameAsPick {
  column: string;
  /** The configured source whose ids the column holds, or null when none in the config is that system. */
  source: string | null;
  reason: string;
}

interface Hint {
  apps: SourceApp[];
  systems: string[];
  because: string[];
}

const NAME_HINTS: Record<string, { apps: SourceApp[]; systems: string[]; label: string }> = {
  'sys:salesforce': { apps: ['salesforce'], systems: ['crm'], label: 'Salesforce' },
  'sys:crm': { apps: ['salesforce'], systems: ['crm'], label: 'the CRM' },
  'sys:hubspot': { apps: [], systems: ['crm'], label: 'HubSpot' },
  'sys:stripe': { apps: ['stripe'], systems: ['billing'], label: 'Stripe' },
  'sys:billing': { apps: ['stripe'], systems: ['billing'], label: 'billing' },
  'sys:zendesk': { apps: ['zendesk'], systems: ['support'], label: 'Zendesk' },
  'sys:intercom': { apps: ['intercom'], systems: ['support'], label: 'Intercom' },
  'sys:product': { apps: ['product'], systems: ['product'], label: 'the product' },
};

const VALUE_HINTS: Record<IdSystem, { app: SourceApp; system: string; label: string }> = {
  salesforce: { app: 'salesforce', system: 'crm', label: 'Salesforce ids' },
  stripe: { app: 'stripe', system: 'billing', label: 'Stripe ids' },
  intercom: { app: 'intercom', system: 'support', label: 'Intercom ids' },
  prefixed: { app: 'product', system: 'product', label: 'app-minted ids (most often the product’s)' },
};

/** Which system a column's ids come from, by its name (`crm_account_id`) and its values (`001…`, `cus_…`). */
export function systemHint(column: ColumnProfile): Hint | null {
  const hint: Hint = { apps: [], systems: [], because: [] };
  // A name alone (`billing_country`) says nothing about ids: only an id column's name is a hint.
  for (const concept of column.concepts.includes('id') ? column.concepts : []) {
    const byName = NAME_HINTS[concept];
    if (!byName) continue;
    hint.apps.push(...byName.apps);
    hint.systems.push(...byName.systems);
    hint.because.push(`name mentions ${byName.label}`);
  }
  for (const [system, count] of Object.entries(column.values.idSystems) as [IdSystem, number][]) {
    if (share(column.values, count) < 0.8) continue;
    const byValue = VALUE_HINTS[system];
    hint.apps.unshift(byValue.app); // values are the better witness
    hint.systems.push(byValue.system);
    hint.because.push(`${count}/${column.values.nonNull} sampled values are ${byValue.label} (${column.values.examples[0]})`);
  }
  if (hint.because.length === 0 && column.concepts.includes('external') && column.concepts.includes('id')) {
    hint.because.push('name says it is an external id');
  }
  return hint.because.length ? hint : null;
}

/**
 * Columns holding another system's id for the same customer (a CRM id on a billing customer): candidates
 * for the model's `sameAs`, each pointed at the configured source of that system.
 */
export function pickSameAs(match: TableMatch, sourceName: string, sources: Record<string, SourceConfig>): SameAsPick[] {
  if (match.kind !== 'accounts' && match.kind !== 'users') return [];
  const own = sources[sourceName];
  const mapped = new Set(match.fields.flatMap((f) => f.columns));
  const picks: SameAsPick[] = [];
  for (const column of match.table.columns) {
    if (mapped.has(column.name) || (isOwnKey(column, match.table) && !isForeign(column))) continue;
    if (column.family !== 'text' && column.family !== 'integer') continue;
    const hint = systemHint(column);
    if (!hint) continue;
    if (own && hint.apps.length > 0 && hint.apps[0] === own.app) continue; // its own system's ids
    const others = Object.entries(sources).filter(([name]) => name !== sourceName);
    const target =
      hint.apps.map((app) => others.find(([, s]) => s.app === app)).find(Boolean) ?? hint.systems.map((system) => others.find(([, s]) => s.system === system)).find(Boolean);
    const because = hint.because.join('; ');
    picks.push(
      target
        ? { column: column.name, source: target[0], reason: `${column.name}: ${because}; source "${target[0]}" holds those ids` }
        : { column: column.name, source: null, reason: `${column.name}: ${because}; no configured source is that system, so add sameAs once one is` },
    );
  }
  return picks;
}
