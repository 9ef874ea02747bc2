import type { BlockingPart, BlockingRule } from './linkage-spec.ts';
import type { PreparedColumn } from './prepare-column.ts';
import { soundex } from './soundex.ts';

/**
 * A blocking rule as one integer key per record (-1: a part is missing, so the record is in no block of
 * this rule). Two records are candidates under the rule when their keys are equal.
 */
export interface RuleKeys {
  rule: BlockingRule;
  keys: Int32Array;
  keyCount: number;
  /** Readable key, to report oversized blocks. */
  labelOf: (key: number) => string;
}

export function transformKey(part: BlockingPart, value: string): string | null {
  switch (part.transform) {
    case 'exact':
      return value;
    case 'prefix':
      return value.slice(0, part.length ?? 3);
    case 'soundex':
      return soundex(value) || null;
    case 'year':
      return /^\d{8}$/.test(value) ? value.slice(0, 4) : null;
    case 'email_local':
      return value.includes('@') ? value.slice(0, value.lastIndexOf('@')) : null;
    case 'email_domain':
      return value.includes('@') ? value.slice(value.lastIndexOf('@') + 1) : null;
    case 'last_digits': {
      const digits = value.replace(/\D/g, '');
      const n = part.length ?? 7;
      return digits.length >= n ? digits.slice(-n) : null;
    }
  }
}

export const describePart = (part: BlockingPart): string =>
  part.transform === 'exact' ? part.column : `${part.transform}${part.length ?? ''}(${part.column})`;
export const describeRule = (rule: BlockingRule): string => rule.map(describePart).join(' & ');

interface PartKeys {
  keys: Int32Array;
  count: number;
  labelOf: (key: number) => string;
}

// Choosing rules counts many combinations of the same parts: each part's keys are made once per column.
const partCache = new WeakMap<PreparedColumn, Map<string, PartKeys>>();

/** One part: each distinct value of the column transformed once, then looked up per record. */
function partKeys(part: BlockingPart, column: PreparedColumn): PartKeys {
  let cached = partCache.get(column);
  if (!cached) partCache.set(column, (cached = new Map()));
  const name = describePart(part);
  let keys = cached.get(name);
  if (!keys) cached.set(name, (keys = makePartKeys(part, column)));
  return keys;
}

function makePartKeys(part: BlockingPart, column: PreparedColumn): PartKeys {
  const ofValue = new Int32Array(column.values.length);
  const labels: string[] = [];
  const index = new Map<string, number>();
  column.values.forEach((value, id) => {
    const key = transformKey(part, value);
    if (key === null || key === '') return void (ofValue[id] = -1);
    let k = index.get(key);
    if (k === undefined) {
      index.set(key, (k = labels.length));
      labels.push(key);
    }
    ofValue[id] = k;
  });
  const keys = new Int32Array(column.ids.length);
  for (let r = 0; r < keys.length; r++) {
    const v = column.ids[r]!;
    keys[r] = v < 0 ? -1 : ofValue[v]!;
  }
  return { keys, count: labels.length, labelOf: (k) => labels[k]! };
}

/** Two parts as one: the pair of keys packed into one number (below 2^53 for any real data) and interned. */
function combine(a: PartKeys, b: PartKeys): PartKeys {
  const keys = new Int32Array(a.keys.length);
  const index = new Map<number, number>();
  const firstRecord: number[] = [];
  for (let r = 0; r < keys.length; r++) {
    const ka = a.keys[r]!;
    const kb = b.keys[r]!;
    if (ka < 0 || kb < 0) {
      keys[r] = -1;
      continue;
    }
    const packed = ka * b.count + kb;
    let k = index.get(packed);
    if (k === undefined) {
      index.set(packed, (k = firstRecord.length));
      firstRecord.push(r);
    }
    keys[r] = k;
  }
  return { keys, count: firstRecord.length, labelOf: (k) => `${a.labelOf(a.keys[firstRecord[k]!]!)} & ${b.labelOf(b.keys[firstRecord[k]!]!)}` };
}

export function blockingKeys(rule: BlockingRule, columnOf: (name: string) => PreparedColumn): RuleKeys {
  const combined = rule.map((part) => partKeys(part, columnOf(part.column))).reduce(combine);
  return { rule, keys: combined.keys, keyCount: combined.count, labelOf: combined.labelOf };
}
