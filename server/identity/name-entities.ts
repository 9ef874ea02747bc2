import { normaliseDomain, normaliseEmail } from '../../lib/contract/index.ts';
import type { SidelightConfig } from '../config/schema.ts';
import type { IdentityRow } from './load-identity-records.ts';
import type { EntityKind } from './record-keys.ts';
import type { ResolvedLink } from './resolve-exact.ts';
import { pickValue } from './survivorship.ts';

export interface EntityRow {
  id: string;
  kind: EntityKind;
  name: string;
  detail: string | null;
}

/** What tells an entity apart at a glance: an account's domain, a person's email. */
function detailOf(kind: EntityKind, payload: Record<string, unknown>): string | null {
  const value = kind === 'account' ? payload.domain : payload.email;
  if (typeof value !== 'string') return null;
  return kind === 'account' ? normaliseDomain(value) : normaliseEmail(value);
}

/** Names each entity from its members, trusting systems in the order the "name" property declares. */
export function nameEntities(config: SidelightConfig, rows: readonly IdentityRow[], links: readonly ResolvedLink[]): EntityRow[] {
  const systemOf = (source: string) => config.sources[source]?.system ?? 'other';
  const members = new Map<string, { kind: EntityKind; values: { name: unknown; detail: unknown; system: string; observedAt: Date }[] }>();
  links.forEach((link, i) => {
    const row = rows[i]!;
    const entry = members.get(link.entityId) ?? { kind: link.entityKind, values: [] };
    entry.values.push({
      name: row.payload.name ?? (link.entityKind === 'person' ? row.payload.email : null),
      detail: detailOf(link.entityKind, row.payload),
      system: systemOf(row.source),
      observedAt: row.observed_at,
    });
    members.set(link.entityId, entry);
  });
  const priorityOf = (entity: EntityKind) =>
    config.properties.find((p) => p.entity === entity && p.key === 'name')?.priority ?? ['crm', 'billing', 'product', 'support', 'other'];
  return [...members].map(([id, { kind, values }]) => {
    const priority = priorityOf(kind);
    const name = pickValue(values.map((v) => ({ value: v.name, system: v.system, observedAt: v.observedAt })), priority);
    const detail = pickValue(values.map((v) => ({ value: v.detail, system: v.system, observedAt: v.observedAt })), priority);
    return { id, kind, name: String(name?.value ?? id).trim(), detail: detail ? String(detail.value) : null };
  });
}
