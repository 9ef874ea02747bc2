import { chooseBlockingRules, defaultBudget } from './choose-blocking-rules.ts';
import { chooseComparison } from './choose-comparison.ts';
import type { ColumnKind } from './column-kind.ts';
import { detectColumnKind } from './detect-column-kind.ts';
import type { BlockingRule, ComparisonSpec, LinkageRules } from './linkage-spec.ts';
import type { Normaliser } from './normalise-value.ts';
import type { PreparedColumn } from './prepare-column.ts';
import type { RecordSet } from './record-set.ts';

/**
 * What will be compared and blocked on: from the rules file where it says, otherwise chosen from the columns'
 * detected kinds. The plan is data, printed by the CLI, so an automatic choice can be copied into a rules file.
 */
export interface LinkagePlan {
  kinds: Map<string, ColumnKind>;
  comparisons: ComparisonSpec[];
  blocking: BlockingRule[];
  maxBlockSize: number;
  threshold: number;
}

export const DEFAULT_THRESHOLD = 0.9;
export const DEFAULT_MAX_BLOCK_SIZE = 1000;
const SAMPLE = 5000;

/** Evenly spread values, so a file sorted by one column still shows its variety. */
const sampleOf = <T>(values: readonly T[]): T[] => {
  if (values.length <= SAMPLE) return [...values];
  const step = values.length / SAMPLE;
  return Array.from({ length: SAMPLE }, (_, i) => values[Math.floor(i * step)]!);
};

export function planLinkage(records: RecordSet, rules: LinkageRules, prepared: (name: string, normaliser: Normaliser) => PreparedColumn): LinkagePlan {
  const ignored = new Set(rules.ignoreColumns ?? []);
  const kinds = new Map<string, ColumnKind>();
  for (const [name, values] of records.columns) {
    if (ignored.has(name)) continue;
    const kind = rules.columnKinds?.[name] ?? detectColumnKind(name, sampleOf(values));
    if (kind !== 'skip') kinds.set(name, kind);
  }
  // An all-distinct id-like column (a row number) can never agree between two records: nothing to learn.
  for (const [name, kind] of kinds) {
    if (kind !== 'id_code' || rules.columnKinds?.[name]) continue;
    const column = prepared(name, 'code');
    if (column.values.length === column.nonMissing) kinds.delete(name);
  }
  const comparisons = rules.comparisons ?? [...kinds].flatMap(([name, kind]) => chooseComparison(name, kind) ?? []);
  const columnOf = (name: string) => prepared(name, normaliserFor(comparisons, kinds, name));
  const maxBlockSize = rules.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
  const blocking = rules.blocking ?? chooseBlockingRules(kinds, columnOf, records.leftCount, defaultBudget(records.ids.length, maxBlockSize)).rules;
  if (blocking.length === 0) throw new Error('no blocking rule could be chosen: give `blocking` in a rules file');
  return { kinds, comparisons, blocking, maxBlockSize, threshold: rules.threshold ?? DEFAULT_THRESHOLD };
}

/** The normaliser a column is prepared with, for comparisons and blocking alike: blocks hold comparable values. */
export function normaliserFor(comparisons: readonly ComparisonSpec[], kinds: ReadonlyMap<string, ColumnKind>, name: string): Normaliser {
  return comparisons.find((c) => c.column === name)?.normalise ?? chooseComparison(name, kinds.get(name) ?? 'text')?.normalise ?? 'text';
}
