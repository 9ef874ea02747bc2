import type { ColumnKind } from './column-kind.ts';
import { profileValues, type ValueProfile } from './profile-values.ts';

/**
 * Guesses what a column holds from its name and a sample of its values, for data never seen before: the
 * name proposes (`dob`, `given_name`, `suburb`, `soc_sec_id`), the values confirm or overrule (a column
 * called `contact` full of addresses with @ is an email column). Ground-truth columns are skipped.
 */

/** Name words per kind, checked in this order (so `street_number` is a house number, not a street). */
const NAME_RULES: readonly [ColumnKind, (words: Set<string>, joined: string) => boolean][] = [
  ['skip', (w, j) => ['cluster', 'truth', 'label', 'match', 'entity', 'goldstandard'].some((x) => w.has(x)) || /^(true|gold)(id|entity)$/.test(j)],
  ['email', (w) => w.has('email') || w.has('mail') || w.has('emailaddress')],
  ['phone', (w) => ['phone', 'tel', 'telephone', 'mobile', 'cell', 'fax', 'msisdn'].some((x) => w.has(x))],
  ['date', (w, j) => ['dob', 'birth', 'birthday', 'birthdate', 'born', 'date', 'dt'].some((x) => w.has(x)) || j.includes('dateofbirth')],
  ['postcode', (w, j) => ['postcode', 'zip', 'zipcode', 'postal', 'plz', 'postalcode'].some((x) => w.has(x)) || j.includes('postcode')],
  ['house_number', (w) => (w.has('street') || w.has('house') || w.has('building')) && (w.has('number') || w.has('no') || w.has('num') || w.has('nr'))],
  ['given_name', (w, j) => ['first', 'given', 'forename', 'fname', 'firstname', 'givenname', 'forenames', 'middle', 'midl', 'mname'].some((x) => w.has(x)) || /^(first|given)name/.test(j)],
  ['surname', (w, j) => ['last', 'surname', 'family', 'lname', 'lastname', 'familyname'].some((x) => w.has(x)) || /^(last|family)name/.test(j)],
  ['full_name', (w) => w.has('name') || w.has('fullname') || w.has('person')],
  ['street', (w, j) => w.has('street') || w.has('road') || /^(address|addr)1$/.test(j) || /line1$/.test(j)],
  ['address', (w) => w.has('address') || w.has('addr') || w.has('line')],
  ['city', (w) => ['city', 'suburb', 'town', 'locality', 'municipality', 'village', 'place'].some((x) => w.has(x))],
  ['region', (w) => ['state', 'county', 'province', 'region', 'country', 'territory'].some((x) => w.has(x))],
  ['categorical', (w) => ['gender', 'sex', 'title', 'salutation', 'status', 'type'].some((x) => w.has(x))],
  ['id_code', (w) => ['id', 'ssn', 'sin', 'nin', 'passport', 'licence', 'license', 'code', 'number', 'no', 'nr', 'identifier', 'soc'].some((x) => w.has(x))],
];

/** `dateOfBirth`, `date_of_birth`, `DOB` -> {date, of, birth} and the joined form `dateofbirth`. */
export function nameWords(column: string): { words: Set<string>; joined: string } {
  const parts = column
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=\d)/)
    .filter((p) => p.length > 0);
  return { words: new Set(parts), joined: parts.join('') };
}

const MOSTLY = 0.8;

/** Whether the values bear out what the name suggests; names are only proposals. */
function valuesAgree(kind: ColumnKind, p: ValueProfile): boolean {
  switch (kind) {
    case 'email':
      return p.email >= 0.5;
    case 'date':
      return p.date >= 0.5;
    case 'phone':
      return p.phone + p.digitsOnly >= 0.5;
    case 'given_name':
    case 'surname':
    case 'full_name':
    case 'city':
      return p.numeric < 0.5 && p.email < 0.5;
    case 'house_number':
    case 'postcode':
      return p.meanLength <= 12;
    default:
      return true;
  }
}

/** Kind from values alone, for columns whose names say nothing (`col7`, `f_3`). */
function kindFromValues(p: ValueProfile): ColumnKind {
  if (p.present === 0) return 'skip';
  if (p.email >= MOSTLY) return 'email';
  if (p.date >= MOSTLY) return 'date';
  if (p.phone >= MOSTLY) return 'phone';
  if (p.distinct <= 1) return 'skip';
  if (p.digitsOnly >= MOSTLY) return p.distinctRatio > 0.2 ? 'id_code' : 'number';
  if (p.numeric >= MOSTLY) return 'number';
  if (p.distinct <= 50 || p.distinctRatio < 0.01) return 'categorical';
  if (p.alphaOneWord >= MOSTLY) return 'surname';
  if (p.alphaWords + p.alphaOneWord >= MOSTLY && p.meanLength <= 40) return 'full_name';
  if (p.mixedWords >= 0.5 && p.meanLength <= 60) return 'address';
  return 'text';
}

export function detectColumnKind(column: string, values: readonly (string | null)[]): ColumnKind {
  const profile = profileValues(values);
  if (profile.present === 0) return 'skip';
  const { words, joined } = nameWords(column);
  // The first kind the name suggests that the values bear out (`mail_addr2` is not an email column).
  for (const [named, test] of NAME_RULES) {
    if (!test(words, joined)) continue;
    if (named === 'skip') return 'skip';
    if (!valuesAgree(named, profile)) continue;
    // A "code" or "id" column with few distinct values is a category (`state_code`), not an identifier.
    if (named === 'id_code' && (profile.distinct <= 50 || profile.distinctRatio < 0.01)) return 'categorical';
    if (named === 'full_name' && profile.alphaOneWord >= MOSTLY) return 'surname';
    return named;
  }
  return kindFromValues(profile);
}
