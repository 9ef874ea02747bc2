import { createHash } from 'node:crypto';
import {
  knownColumns,
  normaliseIdentifier,
  type IdentifierType,
  type ModelKind,
} from '../../lib/contract/index.ts';
import type { ModelConfig, SourceApp } from '../config/schema.ts';
import { recordIdType } from '../config/source-apps.ts';

export interface ShapedRecord {
  sourceId: string;
  payload: Record<string, unknown>;
  properties: Record<string, unknown>;
  personRef: string | null;
  accountRef: string | null;
  sameAs: { source: string; id: string }[];
  identifiers: { type: IdentifierType; value: string }[];
}

const str = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

/** The key of a record within its model: its id, or for rows without one a digest of their content. */
export function sourceIdOf(kind: ModelKind, parsed: Record<string, unknown>): string {
  if (kind === 'memberships') return `${String(parsed.user_id)}:${String(parsed.account_id)}`;
  const id = str(parsed.id);
  if (id) return id;
  return `sha1:${createHash('sha1').update(JSON.stringify(parsed)).digest('hex')}`;
}

/** Who a record is about, in its own source's ids: the person it concerns and the account it belongs to. */
function refsOf(kind: ModelKind, parsed: Record<string, unknown>): { personRef: string | null; accountRef: string | null } {
  switch (kind) {
    case 'accounts':
      return { personRef: null, accountRef: null };
    case 'users':
      return { personRef: null, accountRef: str(parsed.account_id) };
    case 'memberships':
    case 'events':
      return { personRef: str(parsed.user_id), accountRef: str(parsed.account_id) };
    case 'deals':
      return { personRef: str(parsed.contact_id), accountRef: str(parsed.account_id) };
    case 'tickets':
    case 'conversations':
      return { personRef: str(parsed.requester_id), accountRef: str(parsed.account_id) };
    case 'subscriptions':
    case 'charges':
      return { personRef: null, accountRef: str(parsed.account_id) };
  }
}

function toJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  // PostgreSQL's jsonb refuses NUL characters and lone surrogates: keep the text, replace what it cannot hold.
  if (typeof value === 'string') return value.toWellFormed().replaceAll('\u0000', '\uFFFD');
  return value;
}

/**
 * Turns a row that passed its contract into what the store keeps, with the identifiers it answers to.
 * `sourceIdOverride` names it when its content was changed on the way in (an erased address taken out of
 * a row without an id of its own keeps the name its source content gives it, so re-reads land on it).
 */
export function shapeRecord(
  model: ModelConfig,
  app: SourceApp,
  raw: Record<string, unknown>,
  parsed: Record<string, unknown>,
  sourceIdOverride?: string,
): ShapedRecord {
  const known = knownColumns(model.kind);
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) if (value !== undefined) payload[key] = toJson(value);
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!known.has(key)) properties[key] = toJson(value);

  const sourceId = sourceIdOverride ?? sourceIdOf(model.kind, parsed);
  const identifiers: ShapedRecord['identifiers'] = [];
  const add = (type: IdentifierType, value: unknown) => {
    const text = str(value);
    if (!text) return;
    const normal = normaliseIdentifier({ type, value: text });
    if (normal && !identifiers.some((i) => i.type === normal.type && i.value === normal.value)) identifiers.push(normal);
  };
  const idType = recordIdType(app, model.kind);
  if (idType) add(idType, sourceId);
  if (model.kind === 'users') add('email', parsed.email);
  if (model.kind === 'accounts') add('domain', parsed.domain);

  const sameAs = model.sameAs.flatMap(({ column, source }) => {
    const id = str(raw[column]);
    return id ? [{ source, id: id.trim() }] : [];
  });

  return { sourceId, payload, properties, ...refsOf(model.kind, parsed), sameAs, identifiers };
}
