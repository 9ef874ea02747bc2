import type { RuleKeys } from './blocking-keys.ts';

/**
 * Candidate pairs from blocking rules OR'ed together: records sharing a key under any rule, each pair once
 * (a pair is emitted by the first rule that holds for it, so no set of seen pairs is needed). Blocks larger
 * than `maxBlockSize` are skipped and reported: one ubiquitous value must not turn the run quadratic.
 */
export interface CandidatePairs {
  /** Record indexes, left[p] < right[p]; across the file boundary when linking. */
  left: Int32Array;
  right: Int32Array;
  count: number;
  /** Index of the rule that first produced each pair. */
  rule: Uint8Array;
  pairsPerRule: number[];
  skippedBlocks: { rule: number; key: string; size: number }[];
  /** Per rule, which key ids were skipped (so later rules know the pair was not emitted). */
  skippedKeys: Uint8Array[];
}

interface Groups {
  offsets: Int32Array;
  members: Int32Array;
}

/** Records grouped by key (counting sort), members ascending: left-file records come first in a group. */
function groupByKey(keys: Int32Array, keyCount: number): Groups {
  const offsets = new Int32Array(keyCount + 1);
  for (let r = 0; r < keys.length; r++) if (keys[r]! >= 0) offsets[keys[r]! + 1]!++;
  for (let k = 0; k < keyCount; k++) offsets[k + 1]! += offsets[k]!;
  const members = new Int32Array(offsets[keyCount]!);
  const fill = offsets.slice(0, keyCount);
  for (let r = 0; r < keys.length; r++) if (keys[r]! >= 0) members[fill[keys[r]!]!++] = r;
  return { offsets, members };
}

/** Pairs one block yields: all within it (dedup) or left-by-right (link). */
function blockPairCount(members: Int32Array, from: number, to: number, leftCount: number | null): number {
  const size = to - from;
  if (leftCount === null) return (size * (size - 1)) / 2;
  let left = 0;
  while (from + left < to && members[from + left]! < leftCount) left++;
  return left * (size - left);
}

/** How many pairs a rule alone would give (oversized blocks left out), without making them. */
export function countRulePairs(rule: RuleKeys, leftCount: number | null, maxBlockSize: number): number {
  const { offsets, members } = groupByKey(rule.keys, rule.keyCount);
  let total = 0;
  for (let k = 0; k < rule.keyCount; k++) {
    if (offsets[k + 1]! - offsets[k]! > maxBlockSize) continue;
    total += blockPairCount(members, offsets[k]!, offsets[k + 1]!, leftCount);
  }
  return total;
}

export function blockPairs(rules: readonly RuleKeys[], leftCount: number | null, maxBlockSize: number): CandidatePairs {
  let capacity = 1 << 16;
  let left = new Int32Array(capacity);
  let right = new Int32Array(capacity);
  let ruleOf = new Uint8Array(capacity);
  let count = 0;
  const pairsPerRule: number[] = [];
  const skippedBlocks: CandidatePairs['skippedBlocks'] = [];
  const skippedKeys = rules.map((r) => new Uint8Array(r.keyCount));

  const push = (a: number, b: number, r: number) => {
    if (count === capacity) {
      capacity *= 2;
      const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T) => {
        const next = make(capacity);
        next.set(old);
        return next;
      };
      left = grow(left, (n) => new Int32Array(n));
      right = grow(right, (n) => new Int32Array(n));
      ruleOf = grow(ruleOf, (n) => new Uint8Array(n));
    }
    left[count] = a;
    right[count] = b;
    ruleOf[count] = r;
    count++;
  };

  // An earlier rule already emitted (a, b) when its keys agree and that block was not skipped.
  const coveredEarlier = (a: number, b: number, r: number) => {
    for (let q = 0; q < r; q++) {
      const k = rules[q]!.keys[a]!;
      if (k >= 0 && k === rules[q]!.keys[b] && skippedKeys[q]![k] === 0) return true;
    }
    return false;
  };

  rules.forEach((rule, r) => {
    const before = count;
    const { offsets, members } = groupByKey(rule.keys, rule.keyCount);
    for (let k = 0; k < rule.keyCount; k++) {
      const from = offsets[k]!;
      const to = offsets[k + 1]!;
      if (to - from < 2) continue;
      if (to - from > maxBlockSize) {
        skippedKeys[r]![k] = 1;
        skippedBlocks.push({ rule: r, key: rule.labelOf(k), size: to - from });
        continue;
      }
      if (leftCount === null) {
        for (let i = from; i < to; i++) {
          const a = members[i]!;
          for (let j = i + 1; j < to; j++) {
            const b = members[j]!;
            if (!coveredEarlier(a, b, r)) push(a, b, r);
          }
        }
      } else {
        let split = from;
        while (split < to && members[split]! < leftCount) split++;
        for (let i = from; i < split; i++) {
          const a = members[i]!;
          for (let j = split; j < to; j++) {
            const b = members[j]!;
            if (!coveredEarlier(a, b, r)) push(a, b, r);
          }
        }
      }
    }
    pairsPerRule.push(count - before);
  });
  return { left: left.subarray(0, count), right: right.subarray(0, count), count, rule: ruleOf.subarray(0, count), pairsPerRule, skippedBlocks, skippedKeys };
}
