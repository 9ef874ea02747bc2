import { editDistanceWithin } from './edit-distance.ts';
import { jaroWinkler, jaroWinklerCeiling } from './jaro-winkler.ts';
import type { ComparisonSpec, LevelSpec } from './linkage-spec.ts';
import { parseDate, dayNumber } from './parse-date.ts';
import { deriveValueIds, trigramsOfValue, type PreparedColumn } from './prepare-column.ts';
import { soundex } from './soundex.ts';
import { trigramSetSimilarity } from './trigram-similarity.ts';

/**
 * A comparison turned into one function over two value ids: the index of the first level that holds
 * (1..n), or n+1 for "all other". Missing values never reach it (the caller gives them level 0). Metrics a
 * comparison uses at several thresholds are computed once per pair.
 */
export interface CompiledComparison {
  spec: ComparisonSpec;
  column: PreparedColumn;
  /** Levels including "missing" (0) and "all other" (last). */
  levelCount: number;
  level(a: number, b: number): number;
}

type LevelTest = (a: number, b: number) => boolean;

export function compileComparison(spec: ComparisonSpec, column: PreparedColumn): CompiledComparison {
  const values = column.values;
  // Per-pair memo: Jaro-Winkler and edit distance are asked once, then read by every later level.
  let memoA = -1;
  let memoB = -1;
  let jw = NaN;
  let distance = -1;
  let distanceOsa = -1;
  const maxDistance = Math.max(0, ...spec.levels.map((l) => (l.kind === 'levenshtein' ? l.max : 0)));
  const lowestJw = Math.min(...spec.levels.map((l) => (l.kind === 'jaro_winkler' ? l.min : 1)));
  const reset = (a: number, b: number) => {
    if (a === memoA && b === memoB) return;
    memoA = a;
    memoB = b;
    jw = NaN;
    distance = -1;
    distanceOsa = -1;
  };
  const jaroWinklerOf = (a: number, b: number) => {
    if (!Number.isNaN(jw)) return jw;
    // Below the lowest threshold every Jaro-Winkler level fails, so the ceiling is as good as the value.
    const ceiling = jaroWinklerCeiling(values[a]!, values[b]!);
    return (jw = ceiling < lowestJw ? ceiling : jaroWinkler(values[a]!, values[b]!));
  };
  const distanceOf = (a: number, b: number, transpositions: boolean) =>
    transpositions
      ? distanceOsa < 0
        ? (distanceOsa = editDistanceWithin(values[a]!, values[b]!, maxDistance, true))
        : distanceOsa
      : distance < 0
        ? (distance = editDistanceWithin(values[a]!, values[b]!, maxDistance, false))
        : distance;

  let dates: { year: Int32Array; month: Int32Array; day: Int32Array; days: Float64Array } | undefined;
  const datesOf = () => {
    if (dates) return dates;
    const n = values.length;
    dates = { year: new Int32Array(n), month: new Int32Array(n), day: new Int32Array(n), days: new Float64Array(n).fill(NaN) };
    values.forEach((v, id) => {
      const d = parseDate(v);
      if (!d) return;
      dates!.year[id] = d.year;
      dates!.month[id] = d.month;
      dates!.day[id] = d.day;
      dates!.days[id] = dayNumber(d);
    });
    return dates;
  };
  let numbers: Float64Array | undefined;
  const numbersOf = () => (numbers ??= Float64Array.from(values, (v) => Number(v)));

  const test = (level: LevelSpec): LevelTest => {
    switch (level.kind) {
      case 'exact':
        return (a, b) => a === b;
      case 'jaro_winkler':
        return (a, b) => jaroWinklerOf(a, b) >= level.min;
      case 'levenshtein': {
        const osa = level.transpositions === true;
        return (a, b) => distanceOf(a, b, osa) <= level.max;
      }
      case 'trigram':
        return (a, b) => trigramSetSimilarity(trigramsOfValue(column, a), trigramsOfValue(column, b)) >= level.min;
      case 'prefix': {
        const prefix = deriveValueIds(column, (v) => (v.length >= level.length ? v.slice(0, level.length) : null));
        return (a, b) => prefix[a]! >= 0 && prefix[a] === prefix[b];
      }
      case 'soundex': {
        const code = deriveValueIds(column, soundex);
        return (a, b) => code[a]! >= 0 && code[a] === code[b];
      }
      case 'date_swapped':
        return (a, b) => {
          const d = datesOf();
          return d.year[a]! > 0 && d.year[a] === d.year[b] && d.month[a] === d.day[b] && d.day[a] === d.month[b];
        };
      case 'date_within':
        return (a, b) => {
          const d = datesOf().days;
          return Math.abs(d[a]! - d[b]!) <= level.days; // NaN (not a date) compares false
        };
      case 'number_within':
        return (a, b) => {
          const n = numbersOf();
          const x = n[a]!;
          const y = n[b]!;
          return Math.abs(x - y) <= (Math.max(Math.abs(x), Math.abs(y)) * level.percent) / 100;
        };
      case 'phone_last': {
        const last = deriveValueIds(column, (v) => (v.length >= level.digits ? v.slice(-level.digits) : null));
        return (a, b) => last[a]! >= 0 && last[a] === last[b];
      }
      case 'email_local': {
        const local = deriveValueIds(column, (v) => (v.includes('@') ? v.slice(0, v.lastIndexOf('@')) : null));
        return (a, b) => local[a]! >= 0 && local[a] === local[b];
      }
      case 'email_domain': {
        const domain = deriveValueIds(column, (v) => (v.includes('@') ? v.slice(v.lastIndexOf('@') + 1) : null));
        return (a, b) => domain[a]! >= 0 && domain[a] === domain[b];
      }
    }
  };

  const tests = spec.levels.map(test);
  const other = tests.length + 1;
  return {
    spec,
    column,
    levelCount: tests.length + 2,
    level(a, b) {
      reset(a, b);
      for (let i = 0; i < tests.length; i++) if (tests[i]!(a, b)) return i + 1;
      return other;
    },
  };
}
