import { normaliseValue, type Normaliser } from './normalise-value.ts';
import { trigramsOf } from './trigram-similarity.ts';

/**
 * A column normalised once and interned: every record holds the id of its distinct value (-1 when missing),
 * so "exact" is an integer compare, term frequencies are counts, and derived forms (trigrams, dates) are
 * computed once per distinct value instead of once per pair.
 */
export interface PreparedColumn {
  name: string;
  normaliser: Normaliser;
  ids: Int32Array;
  values: string[];
  counts: Int32Array;
  nonMissing: number;
  trigrams: (Float64Array | undefined)[];
}

export function prepareColumn(name: string, raw: readonly (string | null)[], normaliser: Normaliser): PreparedColumn {
  const ids = new Int32Array(raw.length);
  const index = new Map<string, number>();
  const values: string[] = [];
  const counts: number[] = [];
  let nonMissing = 0;
  for (let r = 0; r < raw.length; r++) {
    const value = normaliseValue(raw[r], normaliser);
    if (value === null) {
      ids[r] = -1;
      continue;
    }
    let id = index.get(value);
    if (id === undefined) {
      id = values.length;
      index.set(value, id);
      values.push(value);
      counts.push(0);
    }
    counts[id]!++;
    ids[r] = id;
    nonMissing++;
  }
  return { name, normaliser, ids, values, counts: Int32Array.from(counts), nonMissing, trigrams: new Array(values.length) };
}

export function trigramsOfValue(column: PreparedColumn, id: number): Float64Array {
  let t = column.trigrams[id];
  if (t === undefined) column.trigrams[id] = t = trigramsOf(column.values[id]!);
  return t;
}

/** Each distinct value mapped through `derive` and interned again (-1 when it has no such form). */
export function deriveValueIds(column: PreparedColumn, derive: (value: string) => string | null): Int32Array {
  const out = new Int32Array(column.values.length);
  const index = new Map<string, number>();
  column.values.forEach((value, id) => {
    const d = derive(value);
    if (d === null || d === '') {
      out[id] = -1;
      return;
    }
    let k = index.get(d);
    if (k === undefined) index.set(d, (k = index.size));
    out[id] = k;
  });
  return out;
}

/** Columns prepared on first use, once per (column, normaliser). */
export function columnCache(columns: ReadonlyMap<string, readonly (string | null)[]>): (name: string, normaliser: Normaliser) => PreparedColumn {
  const cache = new Map<string, PreparedColumn>();
  return (name, normaliser) => {
    const key = `${normaliser}:${name}`;
    let column = cache.get(key);
    if (column === undefined) {
      const raw = columns.get(name);
      if (raw === undefined) throw new Error(`no column "${name}" in the records (columns: ${[...columns.keys()].join(', ')})`);
      cache.set(key, (column = prepareColumn(name, raw, normaliser)));
    }
    return column;
  };
}
