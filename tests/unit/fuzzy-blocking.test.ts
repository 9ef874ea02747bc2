import { describe, expect, it } from 'vitest';
import { blockPairs, countRulePairs } from '../../server/identity/fuzzy/block-pairs.ts';
import { blockingKeys, describeRule, transformKey } from '../../server/identity/fuzzy/blocking-keys.ts';
import { chooseBlockingRules } from '../../server/identity/fuzzy/choose-blocking-rules.ts';
import type { ColumnKind } from '../../server/identity/fuzzy/column-kind.ts';
import { blockingRule, parseBlockingPart, type BlockingRule } from '../../server/identity/fuzzy/linkage-spec.ts';
import type { Normaliser } from '../../server/identity/fuzzy/normalise-value.ts';
import { columnCache } from '../../server/identity/fuzzy/prepare-column.ts';

const people = new Map<string, (string | null)[]>([
  ['surname', ['smith', 'smith', 'smyth', 'jones', 'smith', null]],
  ['dob', ['1980-01-01', '1980-01-01', '1980-01-01', '1990-05-05', '1970-02-02', '1980-01-01']],
]);
const prepared = columnCache(people);
const columnOf = (normaliser: Normaliser) => (name: string) => prepared(name, name === 'dob' ? 'date' : normaliser);
const keysOf = (rule: BlockingRule) => blockingKeys(rule, columnOf('text'));
const pairsOf = (result: ReturnType<typeof blockPairs>) => Array.from(result.left, (a, p) => [a, result.right[p]!, result.rule[p]!]);

describe('blockPairs', () => {
  it('ORs rules and emits each pair once, under the first rule that holds', () => {
    const result = blockPairs([keysOf([{ column: 'surname', transform: 'exact' }]), keysOf([{ column: 'dob', transform: 'exact' }])], null, 100);
    expect(pairsOf(result)).toEqual([
      [0, 1, 0],
      [0, 4, 0],
      [1, 4, 0],
      [0, 2, 1],
      [0, 5, 1],
      [1, 2, 1],
      [1, 5, 1],
      [2, 5, 1],
    ]);
    expect(result.pairsPerRule).toEqual([3, 5]);
  });

  it('when linking, pairs only records across the two files', () => {
    // Records 0..2 are the left file, 3..5 the right one.
    const result = blockPairs([keysOf([{ column: 'dob', transform: 'exact' }])], 3, 100);
    expect(pairsOf(result)).toEqual([
      [0, 5, 0],
      [1, 5, 0],
      [2, 5, 0],
    ]);
  });

  it('skips and reports blocks over the size cap, and a later rule still pairs their records', () => {
    const result = blockPairs([keysOf([{ column: 'dob', transform: 'exact' }]), keysOf([{ column: 'surname', transform: 'exact' }])], null, 3);
    expect(result.skippedBlocks).toEqual([{ rule: 0, key: '19800101', size: 4 }]);
    expect(pairsOf(result)).toEqual([
      [0, 1, 1],
      [0, 4, 1],
      [1, 4, 1],
    ]);
    expect(countRulePairs(keysOf([{ column: 'dob', transform: 'exact' }]), null, 3)).toBe(0);
  });

  it('combines parts: all must agree, and a missing part keeps a record out of the rule', () => {
    const keys = keysOf([{ column: 'surname', transform: 'prefix', length: 2 }, { column: 'dob', transform: 'year' }]);
    expect(Array.from(keys.keys)).toEqual([0, 0, 0, 1, 2, -1]);
    expect(keys.labelOf(0)).toBe('sm & 1980');
  });
});

describe('blocking keys', () => {
  it.each([
    [{ column: 'x', transform: 'exact' }, 'smith', 'smith'],
    [{ column: 'x', transform: 'prefix', length: 3 }, 'smith', 'smi'],
    [{ column: 'x', transform: 'soundex' }, 'smyth', 'S530'],
    [{ column: 'x', transform: 'year' }, '19840702', '1984'],
    [{ column: 'x', transform: 'email_local' }, 'ann.lee@acme.io', 'ann.lee'],
    [{ column: 'x', transform: 'email_domain' }, 'ann.lee@acme.io', 'acme.io'],
    [{ column: 'x', transform: 'last_digits', length: 7 }, '442079460000', '9460000'],
    [{ column: 'x', transform: 'year' }, 'not a date', null],
  ] as const)('%j of %s is %s', (part, value, key) => {
    expect(transformKey(part, value)).toBe(key);
  });

  it.each([
    ['surname', { column: 'surname', transform: 'exact' }],
    ['soundex(surname)', { column: 'surname', transform: 'soundex' }],
    ['prefix3(given_name)', { column: 'given_name', transform: 'prefix', length: 3 }],
    ['last_digits7(phone)', { column: 'phone', transform: 'last_digits', length: 7 }],
  ])('rules file shorthand %s', (text, part) => {
    expect(parseBlockingPart(text)).toEqual(part);
    expect(describeRule(blockingRule.parse([text]))).toBe(text);
  });
});

describe('chooseBlockingRules', () => {
  it('keeps keys that fit the pair budget alone and pairs up the broad ones', () => {
    const n = 2000;
    const columns = new Map<string, (string | null)[]>([
      ['first_name', Array.from({ length: n }, (_, i) => ['ann', 'bob', 'cy', 'di', 'ed', 'flo', 'gus'][i % 7]!)],
      ['surname', Array.from({ length: n }, (_, i) => `name${i % 400}`)],
      ['dob', Array.from({ length: n }, (_, i) => `19${String(50 + (i % 40)).padStart(2, '0')}-01-${String(1 + (i % 28)).padStart(2, '0')}`)],
    ]);
    const kinds = new Map<string, ColumnKind>([
      ['first_name', 'given_name'],
      ['surname', 'surname'],
      ['dob', 'date'],
    ]);
    const cache = columnCache(columns);
    const choice = chooseBlockingRules(kinds, (name) => cache(name, name === 'dob' ? 'date' : 'text'), null, { perRule: 20_000, total: 60_000, maxRules: 10, maxBlockSize: 1000 });
    const described = choice.rules.map(describeRule);
    expect(described).toContain('surname');
    expect(described).not.toContain('first_name'); // 7 names over 2000 records: 285k pairs alone
    expect(described.some((r) => r.includes('first_name') && r.includes('&'))).toBe(true);
    expect(choice.pairs.every((p) => p <= 20_000)).toBe(true);
    expect(choice.pairs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });
});
