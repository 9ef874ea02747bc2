import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FlagRequest } from '../../../../lib/contract/index.ts';
import { parseConfig } from '../../../../server/config/load.ts';
import type { SidelightConfig } from '../../../../server/config/schema.ts';

/**
 * A company built for flags (issue 9, items 6 and 11): every person is a CRM contact, a help-desk user and a
 * product user with one email (one entity of three records) — except every fifth, whose product user signed
 * up with a personal address and joins by a probable match (same name and phone); every account is a CRM
 * account, a help-desk organisation and a product workspace tied by the CRM id (one entity of three
 * records). Product users have login events, so a split moves activity too.
 */
const FIRST = ['ada', 'ben', 'cleo', 'dev', 'eli', 'fay', 'gus', 'hana', 'ivo', 'jun', 'kai', 'lena', 'milo', 'nia', 'omar', 'pia', 'quin', 'rosa', 'sol', 'tara', 'uma', 'vik', 'wes', 'xia', 'yan', 'zoe', 'abe', 'bea', 'cal', 'dot', 'ed', 'flo', 'gil', 'hal', 'ida', 'jo', 'kit', 'lou', 'max', 'ned'];
const LAST = ['okafor', 'lindqvist', 'moreau', 'tanaka', 'silva', 'novak', 'haddad', 'kowalski', 'brennan', 'osei', 'petrov', 'quispe', 'rahman', 'schmidt', 'takahashi', 'umarov', 'vargas', 'walsh', 'xu', 'yilmaz', 'zeller', 'abara', 'bianchi', 'costa', 'dubois', 'eriksen', 'fischer', 'garcia', 'hughes', 'ito', 'jensen', 'kim', 'lopez', 'meyer', 'nakamura', 'olsen', 'park', 'reyes', 'santos', 'berg'];
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** People whose product login is a personal address: only the probabilistic pass (name and phone) joins it to them. */
export const probablePerson = (i: number): boolean => i % 5 === 4;

export interface FlagCompanySize {
  people: number;
  accounts: number;
}

/** Records of person i: CRM contact `c<i>`, help-desk user `z<i>`, product user `u<i>`; of account k: `a<k>`, `o<k>`, `w<k>`. */
export async function writeFlagCompany(dir: string, size: FlagCompanySize): Promise<void> {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const person = (i: number) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const k = i % size.accounts;
    return { first, last, k, email: `${first}.${last}${i}@company${k}.com`, phone: `+1 ${String((i * 7919 + 2_345_671) % 10_000_000).padStart(7, '0')}` };
  };
  const lines = (header: string, count: number, row: (i: number) => string) => [header, ...Array.from({ length: count }, (_, i) => row(i))].join('\n');
  const files: Record<string, string> = {
    'crm_accounts.csv': lines('id,name,domain', size.accounts, (k) => `a${k},Company ${k} Ltd,company${k}.com`),
    'crm_contacts.csv': lines('id,email,name,account_id,phone', size.people, (i) => {
      const p = person(i);
      return `c${i},${p.email},${cap(p.first)} ${cap(p.last)},a${p.k},${p.phone}`;
    }),
    'desk_orgs.csv': lines('id,name,external_id', size.accounts, (k) => `o${k},COMPANY ${k},a${k}`),
    'desk_users.csv': lines('id,email,name,account_id', size.people, (i) => {
      const p = person(i);
      return `z${i},${p.email.toUpperCase()},${cap(p.first)} ${cap(p.last)},o${p.k}`;
    }),
    'product_workspaces.csv': lines('id,name,crm_id', size.accounts, (k) => `w${k},company-${k},a${k}`),
    'product_users.csv': lines('id,email,name,phone', size.people, (i) => {
      const p = person(i);
      return `u${i},${probablePerson(i) ? `${p.first}${p.last}${i}@gmail.com` : p.email},${p.first} ${p.last},${p.phone}`;
    }),
    'product_events.csv': lines('id,user_id,name,occurred_at', size.people * 2, (e) => `e${e},u${e % size.people},login,${at(e)}`),
  };
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), `${text}\n`);
}

/** The configuration as plain data, so a test can also write it into a `sidelight.config.ts` for `serve`. */
export function flagCompanyConfigInput(dir: string) {
  return {
    sources: {
      crm: { type: 'csv', dir, system: 'crm', app: 'salesforce' },
      desk: { type: 'csv', dir, system: 'support', app: 'zendesk' },
      product: { type: 'csv', dir, system: 'product', app: 'product' },
    },
    models: [
      { name: 'crm_accounts', kind: 'accounts', source: 'crm', file: 'crm_accounts.csv' },
      { name: 'crm_contacts', kind: 'users', source: 'crm', file: 'crm_contacts.csv' },
      { name: 'desk_orgs', kind: 'accounts', source: 'desk', file: 'desk_orgs.csv', sameAs: [{ column: 'external_id', source: 'crm' }] },
      { name: 'desk_users', kind: 'users', source: 'desk', file: 'desk_users.csv' },
      { name: 'product_workspaces', kind: 'accounts', source: 'product', file: 'product_workspaces.csv', sameAs: [{ column: 'crm_id', source: 'crm' }] },
      { name: 'product_users', kind: 'users', source: 'product', file: 'product_users.csv' },
      { name: 'product_events', kind: 'events', source: 'product', file: 'product_events.csv' },
    ],
    properties: [
      { key: 'name', entity: 'account', label: 'Name' },
      { key: 'domain', entity: 'account', label: 'Domain' },
      { key: 'name', entity: 'person', label: 'Name' },
      { key: 'email', entity: 'person', label: 'Email' },
    ],
    // Name and phone alone score 0.68–0.97 here (the prior depends on the size): linked automatically, so undos must bring probable links back.
    identity: { thresholds: { auto: 0.6, review: 0.5 } },
    metrics: [{ key: 'logins', label: 'Logins', entity: 'person', kind: 'events', aggregation: 'count', time: 'occurred_at' }],
  };
}

export const flagCompanyConfig = (dir: string): SidelightConfig => parseConfig(flagCompanyConfigInput(dir));

/** A flag to make: the record, and the record whose entity (at the start) it is flagged out of. */
export interface PlannedFlag {
  record: { source: string; sourceId: string };
  kind: 'person' | 'account';
  anchor: { source: string; sourceId: string };
}

// Which records of one entity are flagged out of it, by pattern: one or two, sometimes the record whose key
// names the entity (crm|a…, crm|c…), so the rest must keep the id by the flag's claim and give it back on
// undo. The anchor is a record of the entity that stays in it. An account's CRM record is its bridge (the
// others name it): flagged, the other two fall apart, and the help-desk organisation (the smaller key of
// the two) keeps the entity's id.
const ACCOUNT_PATTERNS = [
  { flagged: ['desk:o'], anchor: 'crm:a' },
  { flagged: ['crm:a'], anchor: 'desk:o' },
  { flagged: ['product:w', 'desk:o'], anchor: 'crm:a' },
  { flagged: [], anchor: 'crm:a' },
];
const PERSON_PATTERNS = [
  { flagged: ['product:u'], anchor: 'crm:c' },
  { flagged: ['product:u', 'desk:z'], anchor: 'crm:c' },
  { flagged: ['crm:c'], anchor: 'product:u' },
  { flagged: ['desk:z', 'crm:c'], anchor: 'product:u' },
];

// A probable person's product user is joined by a probable link naming the CRM contact: flagging the contact
// drops that join too (the product user becomes an entity of its own; the help-desk user keeps the id), so
// the contact is flagged alone, and never together with another record.
const PROBABLE_PERSON_PATTERNS = [
  { flagged: ['product:u'], anchor: 'crm:c' },
  { flagged: ['desk:z'], anchor: 'product:u' },
  { flagged: ['product:u', 'desk:z'], anchor: 'crm:c' },
  { flagged: ['crm:c'], anchor: 'desk:z' },
];

const ref = (spec: string, i: number) => {
  const [source, prefix] = spec.split(':') as [string, string];
  return { source, sourceId: `${prefix}${i}` };
};

/**
 * The flags to make, `count` of them (accounts first, then people), or as many as the company holds. Two
 * flags of one entity are both against the entity as it started: in either order the second finds its
 * record still a member, so they may be sent at once.
 */
export function planFlags(size: FlagCompanySize, count: number): PlannedFlag[] {
  const plan: PlannedFlag[] = [];
  const add = (kind: PlannedFlag['kind'], n: number, patternOf: (i: number) => { flagged: string[]; anchor: string }) => {
    for (let i = 0; i < n; i++) {
      const pattern = patternOf(i);
      for (const spec of pattern.flagged) if (plan.length < count) plan.push({ kind, record: ref(spec, i), anchor: ref(pattern.anchor, i) });
    }
  };
  add('account', size.accounts, (k) => ACCOUNT_PATTERNS[k % ACCOUNT_PATTERNS.length]!);
  add('person', size.people, (i) =>
    probablePerson(i) ? PROBABLE_PERSON_PATTERNS[Math.floor(i / 5) % PROBABLE_PERSON_PATTERNS.length]! : PERSON_PATTERNS[i % PERSON_PATTERNS.length]!,
  );
  return plan;
}

/**
 * A company just big enough for `flags` flags, with a tenth of its people never flagged — and at least 140
 * people: with fewer, the probabilistic pass scores the probable people under the auto threshold.
 */
export function sizeForFlags(flags: number): FlagCompanySize {
  const accounts = Math.max(10, Math.min(60, Math.round(flags / 16)));
  // Accounts give one flag each on average, people about one and a half (1.45).
  const people = Math.max(140, Math.ceil(Math.max(0, flags - accounts) / 1.45 / 0.9));
  return { people, accounts };
}

/** The request body of a planned flag, with the entity its anchor record is in now. */
export const flagBody = (flag: PlannedFlag, entityId: string, note?: string): FlagRequest => ({
  record: flag.record,
  entity: { kind: flag.kind, id: entityId },
  ...(note ? { note } : {}),
});
