/**
 * The records of one linkage run, column by column. Linking two files puts the left file's records first
 * (`leftCount` of them) and the right file's after; deduplicating one file has `leftCount` null. Pairs are
 * then always (lower index, higher index), across the boundary when linking.
 */
export interface RecordSet {
  ids: string[];
  leftCount: number | null;
  columns: Map<string, (string | null)[]>;
}

/** Pairs in the whole comparison space, the denominator of the prior "two random records match". */
export function totalPairs(records: RecordSet): number {
  const n = records.ids.length;
  return records.leftCount === null ? (n * (n - 1)) / 2 : records.leftCount * (n - records.leftCount);
}
