import { describe, expect, it } from 'vitest';
import { editDistance, editDistanceWithin } from '../../server/identity/fuzzy/edit-distance.ts';
import { jaro, jaroWinkler, jaroWinklerCeiling } from '../../server/identity/fuzzy/jaro-winkler.ts';
import { soundex } from '../../server/identity/fuzzy/soundex.ts';
import { trigramSimilarity } from '../../server/identity/fuzzy/trigram-similarity.ts';

describe('jaroWinkler', () => {
  // Winkler's and Wikipedia's worked examples; three decimals as they publish them.
  it.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
    ['JELLYFISH', 'SMELLYFISH', 0.896],
    ['CRATE', 'TRACE', 0.733],
    ['abc', 'abc', 1],
    ['abc', 'xyz', 0],
    ['', '', 1],
    ['a', '', 0],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 3);
  });

  it('is Jaro without a common prefix', () => {
    expect(jaroWinkler('CRATE', 'TRACE')).toBe(jaro('CRATE', 'TRACE'));
  });

  it.each([
    ['martha', 'marhta'],
    ['john.smith@gmail.com', 'jon.smyth@gmail.com'],
    ['abcdef', 'fedcba'],
    ['aaaa', 'aaab'],
    ['x', 'y'],
  ])('never falls above its cheap ceiling: %s ~ %s', (a, b) => {
    expect(jaroWinkler(a, b)).toBeLessThanOrEqual(jaroWinklerCeiling(a, b) + 1e-12);
  });
});

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', false, 3],
    ['flaw', 'lawn', false, 2],
    ['ab', 'ba', false, 2],
    ['ab', 'ba', true, 1],
    ['19651013', '19651031', true, 1],
    ['ca', 'abc', true, 3],
    ['', 'abc', false, 3],
    ['same', 'same', false, 0],
  ])('%s -> %s (transpositions %s) = %d', (a, b, transpositions, expected) => {
    expect(editDistance(a, b, transpositions)).toBe(expected);
  });

  it.each([
    ['kitten', 'sitting', 1, 2],
    ['kitten', 'sitten', 1, 1],
    ['abcdef', 'abc', 2, 3],
    ['1234567', '1243567', 2, 2],
  ])('bounded: %s -> %s within %d gives %d (max + 1 means further)', (a, b, max, expected) => {
    expect(editDistanceWithin(a, b, max)).toBe(expected);
  });
});

describe('trigramSimilarity', () => {
  // Values PostgreSQL's pg_trgm similarity() returns for the same pairs (checked against PGlite).
  it.each([
    ['word', 'two words', 0.363636],
    ['abc', 'abd', 0.333333],
    ['smith', 'smyth', 0.333333],
    ['john smith', 'smith john', 1],
    ['stanley street', 'stanley st', 0.571429],
    ["O'Brien", 'obrien', 0.5],
    ['12 main rd', 'main road 12', 0.6],
    ['', 'abc', 0],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 5);
  });
});

describe('soundex', () => {
  it.each([
    ['Robert', 'R163'],
    ['Rupert', 'R163'],
    ['Ashcraft', 'A261'],
    ['Tymczak', 'T522'],
    ['Pfister', 'P236'],
    ['Honeyman', 'H555'],
    ['Smith', 'S530'],
    ['Smyth', 'S530'],
    ['Lee', 'L000'],
    ['123', ''],
  ])('%s -> %s', (name, code) => {
    expect(soundex(name)).toBe(code);
  });
});
