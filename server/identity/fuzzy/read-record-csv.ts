import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { RecordSet } from './record-set.ts';

/**
 * CSV files into a record set. Cells are trimmed (FEBRL writes `a, b`); the id column must be present and
 * unique per file. Linking two files keeps the columns both have.
 */
export interface CsvTable {
  ids: string[];
  columns: Map<string, (string | null)[]>;
}

export function readCsvTable(file: string, idColumn: string): CsvTable {
  const rows = parse(readFileSync(file), { columns: (header: string[]) => header.map((h) => h.trim()), trim: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string | undefined>[];
  if (rows.length === 0) throw new Error(`${file} has no records`);
  const names = Object.keys(rows[0]!);
  if (!names.includes(idColumn)) throw new Error(`${file} has no id column "${idColumn}" (columns: ${names.join(', ')})`);
  const ids = rows.map((row) => row[idColumn] ?? '');
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`${file}: id "${id}" appears more than once in ${idColumn}`);
    seen.add(id);
  }
  const columns = new Map(names.filter((n) => n !== idColumn).map((n) => [n, rows.map((row) => row[n] ?? null)] as const));
  return { ids, columns };
}

export function recordSetOf(left: CsvTable, right?: CsvTable): RecordSet {
  if (!right) return { ids: left.ids, leftCount: null, columns: left.columns };
  const shared = [...left.columns.keys()].filter((name) => right.columns.has(name));
  if (shared.length === 0) throw new Error('the two files have no column in common');
  return {
    ids: [...left.ids, ...right.ids],
    leftCount: left.ids.length,
    columns: new Map(shared.map((name) => [name, [...left.columns.get(name)!, ...right.columns.get(name)!]] as const)),
  };
}

/** `left_id,right_id` rows (any other columns ignored). */
export function readPairsCsv(file: string): [string, string][] {
  const rows = parse(readFileSync(file), { columns: true, trim: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  if (rows.length > 0 && (!('left_id' in rows[0]!) || !('right_id' in rows[0]!))) throw new Error(`${file} must have the header left_id,right_id`);
  return rows.map((row) => [row.left_id!, row.right_id!]);
}
