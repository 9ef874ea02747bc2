import type { ColumnKind } from './column-kind.ts';
import type { ComparisonSpec } from './linkage-spec.ts';

/**
 * The comparison each kind of column gets when no rules file says otherwise. Levels follow Splink's
 * templates (name, date of birth, email, postcode) where they exist, so results are comparable; term
 * frequencies are on where a common value is common for a reason (Smith, London, a big postcode).
 */
const NAME_LEVELS: ComparisonSpec['levels'] = [
  { kind: 'exact' },
  { kind: 'jaro_winkler', min: 0.92 },
  { kind: 'jaro_winkler', min: 0.88 },
  { kind: 'jaro_winkler', min: 0.7 },
];

const BY_KIND: Partial<Record<ColumnKind, Omit<ComparisonSpec, 'column'>>> = {
  given_name: { normalise: 'text', levels: NAME_LEVELS, termFrequency: true },
  surname: { normalise: 'text', levels: NAME_LEVELS, termFrequency: true },
  full_name: {
    normalise: 'text',
    // Trigrams forgive a swapped word order ("smith john") that Jaro-Winkler punishes.
    levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.92 }, { kind: 'trigram', min: 0.6 }, { kind: 'jaro_winkler', min: 0.8 }, { kind: 'trigram', min: 0.3 }],
    termFrequency: true,
  },
  email: {
    normalise: 'email',
    levels: [{ kind: 'exact' }, { kind: 'email_local' }, { kind: 'jaro_winkler', min: 0.88 }, { kind: 'email_domain' }],
    termFrequency: false,
  },
  phone: { normalise: 'phone', levels: [{ kind: 'exact' }, { kind: 'phone_last', digits: 7 }, { kind: 'levenshtein', max: 1, transpositions: true }], termFrequency: false },
  date: {
    normalise: 'date',
    levels: [
      { kind: 'exact' },
      { kind: 'date_swapped' },
      { kind: 'levenshtein', max: 1, transpositions: true },
      { kind: 'date_within', days: 31 },
      { kind: 'date_within', days: 366 },
    ],
    termFrequency: false,
  },
  postcode: { normalise: 'code', levels: [{ kind: 'exact' }, { kind: 'levenshtein', max: 1, transpositions: true }, { kind: 'prefix', length: 3 }], termFrequency: true },
  house_number: { normalise: 'code', levels: [{ kind: 'exact' }, { kind: 'levenshtein', max: 1, transpositions: true }], termFrequency: true },
  street: {
    normalise: 'text',
    levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.9 }, { kind: 'trigram', min: 0.5 }, { kind: 'trigram', min: 0.3 }],
    termFrequency: true,
  },
  address: { normalise: 'text', levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.9 }, { kind: 'trigram', min: 0.4 }], termFrequency: true },
  city: { normalise: 'text', levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.9 }], termFrequency: true },
  region: { normalise: 'text', levels: [{ kind: 'exact' }], termFrequency: true },
  categorical: { normalise: 'text', levels: [{ kind: 'exact' }], termFrequency: true },
  number: { normalise: 'number', levels: [{ kind: 'exact' }, { kind: 'number_within', percent: 1 }, { kind: 'number_within', percent: 10 }], termFrequency: false },
  id_code: {
    normalise: 'code',
    levels: [{ kind: 'exact' }, { kind: 'levenshtein', max: 1, transpositions: true }, { kind: 'levenshtein', max: 2, transpositions: true }],
    termFrequency: false,
  },
  text: { normalise: 'text', levels: [{ kind: 'exact' }, { kind: 'trigram', min: 0.6 }, { kind: 'trigram', min: 0.3 }], termFrequency: false },
};

/** Null for kinds that are not compared (`skip`). */
export function chooseComparison(column: string, kind: ColumnKind): ComparisonSpec | null {
  const template = BY_KIND[kind];
  return template ? { column, ...template } : null;
}
