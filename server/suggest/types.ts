import type { ModelKind } from '../../lib/contract/index.ts';
import type { SourceRow } from '../sources/types.ts';
import type { IdSystem } from './value-patterns.ts';

/** A column as the source describes it (information_schema, or a CSV header). */
export interface ColumnInfo {
  name: string;
  /** The source's own type name (`timestamp with time zone`, `varchar`, `ARRAY`); `text` for CSV. */
  dataType: string;
  primaryKey: boolean;
  /** Filled by the database on insert (serial, identity, AUTO_INCREMENT): an increasing id. */
  autoIncrement: boolean;
}

/** A table (or view, or CSV file) with a sample of its rows. */
export interface TableInfo {
  /** Schema for PostgreSQL, database for MySQL, null for CSV. */
  schema: string | null;
  name: string;
  /** For CSV sources: the file, relative to the source's dir. */
  file?: string;
  columns: ColumnInfo[];
  sample: SourceRow[];
}

/** What a type means to matching, whatever the source calls it. */
export type Family = 'text' | 'integer' | 'decimal' | 'boolean' | 'timestamp' | 'date' | 'json' | 'array' | 'other';

/** Counts over a column's non-null sampled values. */
export interface ValueStats {
  sampled: number;
  nonNull: number;
  distinct: number;
  email: number;
  domain: number;
  date: number;
  json: number;
  epochSeconds: number;
  epochMillis: number;
  idSystems: Partial<Record<IdSystem, number>>;
  /** The most frequent values with their counts (at most 20). */
  top: [value: string, count: number][];
  examples: string[];
}

export interface ColumnProfile extends ColumnInfo {
  /** Concept tokens of the name (`UPD_TS` -> updated, time). */
  concepts: string[];
  family: Family;
  values: ValueStats;
}

export interface TableProfile {
  info: TableInfo;
  /** `schema.table`, or the file name. */
  label: string;
  /** The entity the table's name speaks of (account, user, event, ...), if any. */
  entity: string | null;
  columns: ColumnProfile[];
}

/** One of a kind's columns filled from the table: a column (or first+last name put together). */
export interface FieldMatch {
  field: string;
  columns: string[];
  score: number;
  reason: string;
  /** How the SQL reads it when it is not the bare column. */
  expression?: 'concat_name' | 'first_element' | 'epoch_seconds';
}

export interface TableMatch {
  kind: ModelKind;
  table: TableProfile;
  fields: FieldMatch[];
  /** Required fields the table cannot fill. */
  missing: string[];
  score: number;
  reasons: string[];
}
