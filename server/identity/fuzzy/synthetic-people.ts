import { seededRandom } from './seeded-random.ts';

/**
 * People with known duplicates, for tests and the benchmark: each person has one clean record and some
 * copies with the errors real data has (typos, transpositions, missing values, day/month swaps, a moved
 * city). Names follow a Zipf-like spread, so some are common and most are rare, as term frequency expects.
 */
export interface SyntheticPeople {
  header: string[];
  rows: string[][];
  /** Pairs of ids of the same person. */
  truth: [string, string][];
}

export interface SyntheticOptions {
  people: number;
  /** Mean number of extra copies per person (0..), drawn per person. */
  duplicates?: number;
  /** Chance that a copied field gets an error. */
  errorRate?: number;
  seed?: number;
  /** Give every person an address of their own (a number added on a clash), as real mail systems do. */
  uniqueEmails?: boolean;
}

const GIVEN = ['james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'william', 'elizabeth', 'david', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen', 'christopher', 'nancy', 'daniel', 'lisa', 'matthew', 'betty', 'anthony', 'margaret', 'mark', 'sandra', 'donald', 'ashley', 'steven', 'kimberly', 'paul', 'emily', 'andrew', 'donna', 'joshua', 'michelle', 'kenneth', 'dorothy', 'kevin', 'carol', 'brian', 'amanda', 'george', 'melissa', 'timothy', 'deborah', 'ronald', 'stephanie', 'edward', 'rebecca', 'jason', 'sharon', 'jeffrey', 'laura', 'ryan', 'cynthia', 'jacob', 'kathleen', 'gary', 'amy', 'nicholas', 'angela', 'eric', 'shirley', 'jonathan', 'anna', 'stephen', 'brenda', 'larry', 'pamela', 'justin', 'emma', 'scott', 'nicole', 'brandon', 'helen', 'benjamin', 'samantha', 'samuel', 'katherine', 'gregory', 'christine', 'alexander', 'debra', 'frank', 'rachel', 'patrick', 'carolyn', 'raymond', 'janet', 'jack', 'catherine', 'dennis', 'maria', 'jerry', 'heather', 'tyler', 'diane', 'aaron', 'ruth', 'jose', 'julie', 'adam', 'olivia', 'nathan', 'joyce', 'henry', 'virginia', 'douglas', 'victoria', 'zachary', 'kelly', 'peter', 'lauren', 'kyle', 'christina', 'noah', 'joan', 'ethan', 'evelyn', 'jeremy', 'judith', 'walter', 'megan', 'christian', 'andrea', 'keith', 'cheryl', 'roger', 'hannah', 'terry', 'jacqueline', 'austin', 'martha', 'sean', 'gloria', 'gerald', 'teresa', 'carl', 'ann', 'harold', 'sara', 'dylan', 'madison', 'arthur', 'frances', 'lawrence', 'kathryn', 'jordan', 'janice', 'jesse', 'jean', 'bryan', 'abigail', 'billy', 'alice', 'bruce', 'judy', 'gabriel', 'sophia', 'joe', 'grace', 'logan', 'denise', 'alan', 'amber', 'juan', 'doris', 'albert', 'marilyn', 'willie', 'danielle', 'elijah', 'beverly', 'wayne', 'isabella', 'randy', 'theresa', 'vincent', 'diana', 'mason', 'natalie', 'roy', 'brittany', 'ralph', 'charlotte', 'bobby', 'marie', 'russell', 'kayla', 'bradley', 'alexis', 'philip', 'lori'];
const ONSETS = ['b', 'br', 'c', 'ch', 'cl', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'w', 'wh', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'ie', 'oo'];
const CODAS = ['', 'n', 'r', 'l', 's', 'th', 'ck', 'nd', 'rd', 'ng', 'ss', 'tt', 'm', 'ld', 'rn'];
const ENDINGS = ['', 'son', 'man', 'ley', 'ton', 'er', 'wood', 'field', 'by', 'ford', 'well', 'ing', 'ham', 'ski', 'ez', 'ell'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me', 'example.org', 'mail.com'];

export function syntheticPeople(options: SyntheticOptions): SyntheticPeople {
  const random = seededRandom(options.seed ?? 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Zipf-like: index = floor(n * u^3) makes low indexes (common values) much likelier than high ones.
  const zipf = <T>(list: readonly T[]) => list[Math.floor(list.length * random() ** 3)]!;
  const surnames = Array.from({ length: Math.max(500, options.people) }, () => pick(ONSETS) + pick(VOWELS) + pick(CODAS) + pick(ENDINGS));
  const cities = Array.from({ length: Math.max(50, Math.floor(options.people / 50)) }, () => pick(ONSETS) + pick(VOWELS) + pick(CODAS) + pick(['ville', 'ton', 'bury', 'field', ' city', 'ham', 'ford', '']));
  const errorRate = options.errorRate ?? 0.25;
  const letters = 'abcdefghijklmnopqrstuvwxyz';

  const typo = (s: string): string => {
    if (s.length < 2) return s;
    const i = Math.floor(random() * (s.length - 1));
    switch (Math.floor(random() * 4)) {
      case 0:
        return s.slice(0, i) + pick([...letters]) + s.slice(i + 1);
      case 1:
        return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
      case 2:
        return s.slice(0, i) + s.slice(i + 1);
      default:
        return s.slice(0, i) + pick([...letters]) + s.slice(i);
    }
  };
  const pad = (n: number) => String(n).padStart(2, '0');

  const header = ['id', 'first_name', 'surname', 'dob', 'email', 'city', 'postcode', 'phone'];
  const rows: string[][] = [];
  const truth: [string, string][] = [];
  const taken = new Set<string>();
  for (let person = 0; person < options.people; person++) {
    const first = zipf(GIVEN);
    const last = zipf(surnames);
    const year = 1940 + Math.floor(random() * 65);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    let email = `${first}${pick(['.', '_', ''])}${last}${random() < 0.5 ? Math.floor(random() * 100) : ''}@${zipf(DOMAINS)}`;
    if (options.uniqueEmails) {
      if (taken.has(email)) email = email.replace('@', `.${person}@`);
      taken.add(email);
    }
    const city = zipf(cities);
    const postcode = String(1000 + Math.floor(random() * 8999));
    const phone = `0${7 + Math.floor(random() * 2)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
    const clean = [first, last, `${year}-${pad(month)}-${pad(day)}`, email, city, postcode, phone];
    const copies = Math.floor(random() * (2 * (options.duplicates ?? 0.5) + 1));
    const ids: string[] = [];
    for (let copy = 0; copy <= copies; copy++) {
      const id = `p${person}-${copy}`;
      ids.push(id);
      if (copy === 0) {
        rows.push([id, ...clean]);
        continue;
      }
      const err = () => random() < errorRate;
      const row = [
        err() ? (random() < 0.2 ? '' : typo(first)) : first,
        err() ? (random() < 0.2 ? '' : typo(last)) : last,
        err() ? (random() < 0.3 ? `${year}-${pad(day)}-${pad(month)}` : random() < 0.5 ? '' : `${year + (random() < 0.5 ? 1 : -1)}-${pad(month)}-${pad(day)}`) : clean[2]!,
        err() ? (random() < 0.4 ? '' : random() < 0.5 ? typo(email) : `${email.split('@')[0]}@${pick(DOMAINS)}`) : email,
        err() ? (random() < 0.5 ? '' : zipf(cities)) : city,
        err() ? (random() < 0.5 ? '' : typo(postcode)) : postcode,
        err() ? (random() < 0.6 ? '' : typo(phone)) : phone,
      ];
      rows.push([id, ...row]);
    }
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) truth.push([ids[i]!, ids[j]!]);
  }
  // Shuffle, so duplicates are not neighbours in the file (nothing may depend on file order).
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return { header, rows, truth };
}
