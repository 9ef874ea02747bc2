import type { LevelSpec } from './linkage-spec.ts';

/** A level as a person reads it in an explanation. Level 0 is "missing", the last is "all other". */
export function describeLevel(level: LevelSpec): string {
  switch (level.kind) {
    case 'exact':
      return 'exact match';
    case 'jaro_winkler':
      return `Jaro-Winkler >= ${level.min}`;
    case 'levenshtein':
      return `${level.transpositions ? 'Damerau-' : ''}Levenshtein <= ${level.max}`;
    case 'trigram':
      return `trigram similarity >= ${level.min}`;
    case 'prefix':
      return `same first ${level.length} characters`;
    case 'soundex':
      return 'sounds alike (Soundex)';
    case 'date_swapped':
      return 'day and month swapped';
    case 'date_within':
      return `within ${level.days} days`;
    case 'number_within':
      return `within ${level.percent}%`;
    case 'phone_last':
      return `same last ${level.digits} digits`;
    case 'email_local':
      return 'same part before @';
    case 'email_domain':
      return 'same domain';
  }
}

export const MISSING_LEVEL = 'missing on one side';
export const OTHER_LEVEL = 'all other';

/** Names of levels by index: 0 missing, 1..n the spec's, n+1 all other. */
export const levelNames = (levels: readonly LevelSpec[]): string[] => [MISSING_LEVEL, ...levels.map(describeLevel), OTHER_LEVEL];
