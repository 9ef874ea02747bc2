import { describe, expect, it } from 'vitest';
import { chooseComparison } from '../../server/identity/fuzzy/choose-comparison.ts';
import type { ColumnKind } from '../../server/identity/fuzzy/column-kind.ts';
import { compileComparison } from '../../server/identity/fuzzy/compile-comparison.ts';
import { levelNames } from '../../server/identity/fuzzy/describe-level.ts';
import type { ComparisonSpec } from '../../server/identity/fuzzy/linkage-spec.ts';
import { normaliseValue, type Normaliser } from '../../server/identity/fuzzy/normalise-value.ts';
import { parseDate } from '../../server/identity/fuzzy/parse-date.ts';
import { prepareColumn } from '../../server/identity/fuzzy/prepare-column.ts';

/** The name of the level two raw values reach under a comparison (missing values give level 0). */
function levelOf(spec: ComparisonSpec, a: string | null, b: string | null): string {
  const column = prepareColumn(spec.column, [a, b], spec.normalise);
  const compiled = compileComparison(spec, column);
  const [va, vb] = [column.ids[0]!, column.ids[1]!];
  return levelNames(spec.levels)[va < 0 || vb < 0 ? 0 : compiled.level(va, vb)]!;
}
const auto = (kind: ColumnKind) => chooseComparison('x', kind)!;

describe('comparison levels: the first level that holds applies', () => {
  it.each([
    ['given_name', 'Jon', 'jon', 'exact match'],
    ['given_name', 'martha', 'marhta', 'Jaro-Winkler >= 0.92'],
    ['given_name', 'dwayne', 'duane', 'Jaro-Winkler >= 0.7'],
    ['given_name', 'alice', 'bob', 'all other'],
    ['given_name', 'alice', '', 'missing on one side'],
    ['surname', "O'Brien", 'obrien', 'exact match'],
    ['surname', 'Müller', 'muller', 'exact match'],
    ['date', '1984-07-02', '02/07/1984', 'exact match'],
    ['date', '19840702', '1984-07-02', 'exact match'],
    ['date', '1984-07-02', '1984-02-07', 'day and month swapped'],
    ['date', '1984-07-02', '1984-07-12', 'Damerau-Levenshtein <= 1'],
    ['date', '1984-07-02', '1984-07-25', 'within 31 days'],
    ['date', '1984-07-02', '1985-03-30', 'within 366 days'],
    ['date', '1984-07-02', '1990-01-01', 'all other'],
    ['date', '19841302', '19841032', 'Damerau-Levenshtein <= 1'],
    ['email', 'Ann@Acme.com', 'ann@acme.com', 'exact match'],
    ['email', 'ann@acme.com', 'ann@gmail.com', 'same part before @'],
    ['email', 'ann.lee@acme.com', 'ann.le@acme.com', 'Jaro-Winkler >= 0.88'],
    ['email', 'ann@acme.com', 'zed@acme.com', 'same domain'],
    ['phone', '+44 20 7946 0000', '0044-20-7946-0000', 'exact match'],
    ['phone', '+44 20 7946 0000', '+1 212 555 0199', 'all other'],
    ['phone', '+44 (20) 7946 0000', '442079460000', 'exact match'],
    ['phone', '+44 20 7946 0000', '020 7946 0000', 'same last 7 digits'],
    ['postcode', 'SW1A 1AA', 'sw1a1aa', 'exact match'],
    ['postcode', '4223', '4232', 'Damerau-Levenshtein <= 1'],
    ['postcode', 'SW1A 1AA', 'SW1A 2BB', 'same first 3 characters'],
    ['id_code', '5304218', '5304281', 'Damerau-Levenshtein <= 1'],
    ['id_code', '5304218', '5314228', 'Damerau-Levenshtein <= 2'],
    ['number', '1000', '1,000', 'exact match'],
    ['number', '1000', '1005', 'within 1%'],
    ['number', '1000', '1080', 'within 10%'],
    ['number', '1000', '2000', 'all other'],
    ['full_name', 'john smith', 'smith john', 'trigram similarity >= 0.6'],
    ['street', 'stanley street', 'stanley st', 'Jaro-Winkler >= 0.9'],
    ['street', 'street stanley', 'stanley street', 'trigram similarity >= 0.5'],
  ] as const)('%s: %s vs %s -> %s', (kind, a, b, level) => {
    expect(levelOf(auto(kind), a, b)).toBe(level);
  });

  it('applies levels in the order given, not by strength', () => {
    const spec: ComparisonSpec = { column: 'x', normalise: 'text', termFrequency: false, levels: [{ kind: 'soundex' }, { kind: 'exact' }] };
    expect(levelOf(spec, 'smith', 'smith')).toBe('sounds alike (Soundex)');
    expect(levelOf(spec, 'smith', 'smyth')).toBe('sounds alike (Soundex)');
  });
});

describe('normaliseValue', () => {
  it.each([
    ['  Élodie  ', 'text', 'elodie'],
    ["O'Neil-Smith", 'text', 'oneil smith'],
    ['N/A', 'text', null],
    ['', 'email', null],
    ['MAILTO:Ann@X.io', 'email', 'ann@x.io'],
    ['+1 (555) 010-9999', 'phone', '15550109999'],
    ['0044 20 7946 0000', 'phone', '442079460000'],
    ['2 July 1984', 'date', '21984'],
    ['1984-7-2', 'date', '19840702'],
    ['1,234.50', 'number', '1234.5'],
    ['SW1A 1AA', 'code', 'sw1a1aa'],
  ] as const)('%j as %s -> %j', (raw, how, expected) => {
    expect(normaliseValue(raw, how as Normaliser)).toBe(expected);
  });
});

describe('parseDate', () => {
  it.each([
    ['1984-07-02', { year: 1984, month: 7, day: 2 }],
    ['1984-07-02T10:00:00Z', { year: 1984, month: 7, day: 2 }],
    ['19840702', { year: 1984, month: 7, day: 2 }],
    ['02/07/1984', { year: 1984, month: 7, day: 2 }],
    ['07/25/1984', { year: 1984, month: 7, day: 25 }],
    ['2.7.1984', { year: 1984, month: 7, day: 2 }],
    ['19841302', null],
    ['1984-02-30', null],
    ['yesterday', null],
  ])('%s', (text, expected) => {
    expect(parseDate(text)).toEqual(expected);
  });
});
