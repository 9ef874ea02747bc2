import { MODEL_KINDS } from '../../lib/contract/index.ts';
import type { SourceConfig } from '../config/schema.ts';
import { assignKinds } from './assign-kinds.ts';
import { buildModel, type BuiltModel, type Dialect } from './build-model.ts';
import { matchTable } from './match-table.ts';
import { pickCursor, pickSoftDelete, type ColumnPick } from './pick-cursor.ts';
import { profileTable } from './profile-table.ts';
import { pickSameAs, type SameAsPick } from './same-as.ts';
import type { TableInfo, TableMatch } from './types.ts';

export interface PlannedModel {
  match: TableMatch;
  cursor: ColumnPick | null;
  softDelete: ColumnPick | null;
  sameAs: SameAsPick[];
  built: BuiltModel;
  alternatives: TableMatch[];
}

export interface Plan {
  models: PlannedModel[];
  unmatched: { kind: (typeof MODEL_KINDS)[number]; reason: string }[];
}

/**
 * From described tables to proposed models, without touching the source: every kind scored against every
 * table, one table per kind, then the cursor, soft-delete and sameAs columns and the model's SQL or renames.
 */
export function planSuggestions(tables: readonly TableInfo[], source: string, sources: Record<string, SourceConfig>, dialect: Dialect): Plan {
  const profiles = tables.map(profileTable);
  const options = { sql: dialect !== 'csv' };
  const matches = MODEL_KINDS.flatMap((kind) => profiles.map((table) => matchTable(kind, table, options)));
  const { chosen, alternatives, unmatched } = assignKinds(matches);
  const models = chosen.map((match): PlannedModel => {
    const cursor = pickCursor(match);
    const softDelete = pickSoftDelete(match.table, options);
    const sameAs = pickSameAs(match, source, sources);
    return { match, cursor, softDelete, sameAs, built: buildModel(match, source, dialect, { cursor, softDelete, sameAs }), alternatives: alternatives.get(match.kind) ?? [] };
  });
  return { models, unmatched };
}
