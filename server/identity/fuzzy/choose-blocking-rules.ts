import { countRulePairs } from './block-pairs.ts';
import { blockingKeys } from './blocking-keys.ts';
import type { ColumnKind } from './column-kind.ts';
import type { BlockingPart, BlockingRule } from './linkage-spec.ts';
import type { PreparedColumn } from './prepare-column.ts';

/**
 * Blocking rules chosen from the detected column kinds when no rules file gives them. Each kind offers keys
 * (surname exact and by sound, date of birth, postcode, email local part…); a key that alone yields no more
 * pairs than the budget is a rule, a key that yields too many is paired with a key of another column until
 * it fits. Counting pairs costs one pass per key, so the choice is measured, not guessed.
 */
const KEYS_BY_KIND: Partial<Record<ColumnKind, { part: Omit<BlockingPart, 'column'>; alone: boolean }[]>> = {
  given_name: [{ part: { transform: 'exact' }, alone: true }, { part: { transform: 'soundex' }, alone: false }],
  surname: [{ part: { transform: 'exact' }, alone: true }, { part: { transform: 'soundex' }, alone: false }, { part: { transform: 'prefix', length: 3 }, alone: false }],
  full_name: [{ part: { transform: 'exact' }, alone: true }],
  email: [{ part: { transform: 'exact' }, alone: true }, { part: { transform: 'email_local' }, alone: true }],
  phone: [{ part: { transform: 'exact' }, alone: true }, { part: { transform: 'last_digits', length: 7 }, alone: true }],
  date: [{ part: { transform: 'exact' }, alone: true }, { part: { transform: 'year' }, alone: false }],
  postcode: [{ part: { transform: 'exact' }, alone: true }],
  house_number: [{ part: { transform: 'exact' }, alone: false }],
  street: [{ part: { transform: 'exact' }, alone: true }],
  address: [{ part: { transform: 'exact' }, alone: true }],
  city: [{ part: { transform: 'exact' }, alone: true }],
  region: [{ part: { transform: 'exact' }, alone: false }],
  categorical: [{ part: { transform: 'exact' }, alone: false }],
  id_code: [{ part: { transform: 'exact' }, alone: true }],
};

const NAME_KINDS = new Set<ColumnKind>(['given_name', 'surname']);

export interface BlockingChoice {
  rules: BlockingRule[];
  /** Pairs each chosen rule gives on its own, in rule order. */
  pairs: number[];
}

export interface BlockingBudget {
  /** Most pairs one rule may give. */
  perRule: number;
  /** Stop adding rules once their pairs add up to this. */
  total: number;
  maxRules: number;
  maxBlockSize: number;
}

export const defaultBudget = (records: number, maxBlockSize: number): BlockingBudget => ({
  perRule: Math.max(20_000, 10 * records),
  total: Math.max(100_000, 40 * records),
  maxRules: 10,
  maxBlockSize,
});

export function chooseBlockingRules(
  kinds: ReadonlyMap<string, ColumnKind>,
  columnOf: (name: string) => PreparedColumn,
  leftCount: number | null,
  budget: BlockingBudget,
): BlockingChoice {
  const candidates = [...kinds].flatMap(([column, kind]) => (KEYS_BY_KIND[kind] ?? []).map((k) => ({ part: { column, ...k.part } as BlockingPart, alone: k.alone })));
  const count = (rule: BlockingRule) => countRulePairs(blockingKeys(rule, columnOf), leftCount, budget.maxBlockSize);
  const counted = candidates.map((c) => ({ ...c, pairs: count([c.part]) }));

  const chosen: { rule: BlockingRule; pairs: number }[] = [];
  const fitsAlone = counted.filter((c) => c.alone && c.pairs > 0 && c.pairs <= budget.perRule);
  for (const c of fitsAlone) chosen.push({ rule: [c.part], pairs: c.pairs });

  // Pairs of keys from different columns, for keys too broad alone (or never meant to stand alone).
  const broad = counted.filter((c) => c.pairs > 0 && !fitsAlone.includes(c));
  const seenColumns = new Set<string>();
  const combos: { rule: BlockingRule; pairs: number }[] = [];
  for (let i = 0; i < broad.length; i++) {
    for (let j = i + 1; j < broad.length; j++) {
      const a = broad[i]!;
      const b = broad[j]!;
      const bothNames = NAME_KINDS.has(kinds.get(a.part.column)!) && NAME_KINDS.has(kinds.get(b.part.column)!);
      // Two weak keys (state and gender) make a weak rule; two name sounds together are a good one.
      if (a.part.column === b.part.column || (!a.alone && !b.alone && !bothNames)) continue;
      const rule = [a.part, b.part];
      const pairs = count(rule);
      if (pairs > 0 && pairs <= budget.perRule) combos.push({ rule, pairs });
    }
  }
  // Most permissive first (most pairs within budget: best recall), one combination per pair of columns.
  combos.sort((x, y) => y.pairs - x.pairs);
  for (const combo of combos) {
    const columns = combo.rule.map((p) => p.column).join('|');
    if (seenColumns.has(columns)) continue;
    seenColumns.add(columns);
    chosen.push(combo);
  }

  // Cheapest rules first under the total budget: a narrow rule catches the sure matches whatever else fits.
  const picked: typeof chosen = [];
  let total = 0;
  for (const c of [...chosen].sort((x, y) => x.pairs - y.pairs)) {
    if (picked.length >= budget.maxRules || total + c.pairs > budget.total) continue;
    picked.push(c);
    total += c.pairs;
  }
  return { rules: picked.map((c) => c.rule), pairs: picked.map((c) => c.pairs) };
}
