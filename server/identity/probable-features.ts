import { plainText } from './fuzzy/normalise-value.ts';
import type { ComparisonSpec } from './fuzzy/linkage-spec.ts';
import { linkableDomain, linkableEmail } from './junk-values.ts';
import { recordKey, type EntityKind } from './record-keys.ts';
import type { ResolutionState } from './resolution-state.ts';
import type { CrossEntityRules } from './score-cross-entity-pairs.ts';

/**
 * What the probabilistic pass compares, per entity kind, as columns for the fuzzy engine. People: first and
 * last name, the email's local part where it says more than the name, the phone, and the company: the
 * domain of the account the record belongs to as resolved in this run (the account itself when it has no
 * domain), else the domain of a company email address — one attribute, so an account and its email domain
 * are not counted twice. Accounts: the name without its legal form, and the domain. Junk values are missing.
 */
const LEGAL_FORMS = /\b(inc|incorporated|corp|corporation|co|company|llc|ltd|limited|plc|gmbh|ag|kg|sa|sas|sarl|srl|spa|bv|nv|oy|ab|as|pty|pte|kk|lp|llp)\b/g;

/** "Tandem Group Corp." and "TANDEM GROUP (old)" both read "tandem group". */
export const companyName = (name: string): string =>
  plainText(name.replace(/\(.*?\)/g, ' '))
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Whether an address's local part is a form of the person's name (jane.doe, jdoe, doe.jane, janed,
 * thomas.byrne for "Tom Byrne"): then it repeats what the name comparison counts, and namesakes at two
 * companies would be counted as matching twice. Such local parts are compared as missing.
 */
export function localFromName(local: string, name: string | null): boolean {
  if (!name) return false;
  const tokens = plainText(name).split(' ').filter(Boolean);
  if (tokens.length === 0) return false;
  const letters = local.replace(/[^a-z]/g, '');
  const [first, last] = [tokens[0]!, tokens.at(-1)!];
  if (tokens.length > 1 && last.length >= 3 && letters.includes(last)) return true;
  return [tokens.join(''), first, first + last[0], last + first[0], last[0] + first].includes(letters);
}

const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function probableColumns(state: ResolutionState, indexes: readonly number[], kind: EntityKind): Map<string, (string | null)[]> {
  const records = indexes.map((i) => state.records[i]!);
  if (kind === 'account') {
    return new Map([
      ['name', records.map((r) => (text(r.name) ? companyName(r.name!) || null : null))],
      ['domain', records.map((r) => linkableDomain(r.domain, state.options.blocklist))],
    ]);
  }
  const names = records.map((r) => (text(r.name) ? plainText(r.name!).split(' ').filter(Boolean) : []));
  const emails = records.map((r) => linkableEmail(r.email, state.options.blocklist));
  const locals = emails.map((e) => (e ? e.slice(0, e.lastIndexOf('@')) : null));
  const domainOfAccount = accountDomains(state);
  return new Map([
    ['first_name', names.map((t) => t[0] ?? null)],
    ['last_name', names.map((t) => (t.length > 1 ? t.at(-1)! : null))],
    ['email_local', locals.map((l, i) => (l && !localFromName(l, records[i]!.name ?? null) ? l : null))],
    // Blocking only: every local part, name-like or not.
    ['email_user', locals],
    ['phone', records.map((r) => text(r.phone))],
    ['company', records.map((r, i) => {
      const account = accountOf(state, r.source, r.accountRefs ?? []);
      if (account !== null) return domainOfAccount.get(account) ?? `account ${account}`;
      const domain = emails[i] ? emails[i]!.slice(emails[i]!.lastIndexOf('@') + 1) : null;
      return domain && linkableDomain(domain, state.options.blocklist) ? domain : null;
    })],
  ]);
}

/** Each account set's domain: the smallest linkable one among its records, for a stable choice. */
function accountDomains(state: ResolutionState): Map<number, string> {
  const out = new Map<number, string>();
  state.records.forEach((r, i) => {
    if (r.entityKind !== 'account') return;
    const domain = linkableDomain(r.domain, state.options.blocklist);
    if (!domain) return;
    const root = state.uf.find(i);
    const seen = out.get(root);
    if (seen === undefined || domain < seen) out.set(root, domain);
  });
  return out;
}

/** The account set a person's account references resolve to (the smallest, when they name several). */
function accountOf(state: ResolutionState, source: string, refs: readonly string[]): number | null {
  let best = -1;
  for (const ref of refs) {
    for (const i of state.lookup('account', recordKey(source, ref))) {
      const root = state.uf.find(i);
      if (best < 0 || root < best) best = root;
    }
  }
  return best < 0 ? null : best;
}

const NAME_LEVELS: ComparisonSpec['levels'] = [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.92 }, { kind: 'trigram', min: 0.6 }, { kind: 'jaro_winkler', min: 0.8 }];

/** Comparisons and blocking per kind (docs/identity.md): fixed, so every run is explained by the same attributes. */
export const PROBABLE_RULES: Record<EntityKind, CrossEntityRules> = {
  person: {
    comparisons: [
      { column: 'first_name', normalise: 'text', levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.9 }], termFrequency: true },
      { column: 'last_name', normalise: 'text', levels: [{ kind: 'exact' }, { kind: 'levenshtein', max: 1, transpositions: true }, { kind: 'jaro_winkler', min: 0.9 }], termFrequency: true },
      { column: 'email_local', normalise: 'text', levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.9 }], termFrequency: false },
      { column: 'phone', normalise: 'phone', levels: [{ kind: 'exact' }, { kind: 'phone_last', digits: 7 }, { kind: 'levenshtein', max: 1, transpositions: true }], termFrequency: false },
      { column: 'company', normalise: 'text', levels: [{ kind: 'exact' }], termFrequency: true },
    ],
    blocking: [
      [{ column: 'first_name', transform: 'exact' }, { column: 'last_name', transform: 'exact' }],
      [{ column: 'email_user', transform: 'exact' }],
      [{ column: 'phone', transform: 'last_digits', length: 7 }],
      [{ column: 'company', transform: 'exact' }, { column: 'last_name', transform: 'soundex' }],
      [{ column: 'company', transform: 'exact' }, { column: 'first_name', transform: 'exact' }],
    ],
    emColumns: ['email_local'],
  },
  account: {
    comparisons: [
      { column: 'name', normalise: 'text', levels: NAME_LEVELS, termFrequency: true },
      { column: 'domain', normalise: 'text', levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.9 }], termFrequency: true },
    ],
    blocking: [[{ column: 'name', transform: 'exact' }], [{ column: 'domain', transform: 'exact' }], [{ column: 'name', transform: 'prefix', length: 5 }]],
    emColumns: ['domain'],
  },
};
