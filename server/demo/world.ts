import type { AccountPlan, Activity, Clock, Lifecycle, PersonPlan, Segment, Seniority } from './company.ts';
import { DAY_MS } from './company.ts';
import {
  ACCOUNT_OWNERS, COMPANY_STEMS, COMPANY_SUFFIXES, COUNTRIES, FIRST_NAMES, FREE_MAIL_DOMAINS, INDUSTRIES,
  LAST_NAMES, LEGAL_FORMS, SUBSIDIARY_REGIONS, TITLES_BY_SENIORITY, TLDS,
} from './names.ts';
import type { Random } from './random.ts';

/**
 * The truth about the demo company's customers, before any system records them: who works where,
 * which systems know them. `systems.ts` then writes each system's view of it, with its own ids and mess.
 */
export type Scale = {
  accounts: number;
  subsidiaries: number;
  outsideLeads: number;
  events: number;
  /** How many accounts the listing shows (plus every scenario's): a listing of a million people helps nobody. */
  listed: number;
};
/** About 11 people per account; events are a target the generator meets within a percent. */
export const SCALES = {
  small: { accounts: 300, subsidiaries: 6, outsideLeads: 80, events: 100_000, listed: Number.POSITIVE_INFINITY },
  medium: { accounts: 10_000, subsidiaries: 200, outsideLeads: 2_500, events: 1_000_000, listed: 500 },
  large: { accounts: 100_000, subsidiaries: 2_000, outsideLeads: 25_000, events: 10_000_000, listed: 500 },
} as const satisfies Record<string, Scale>;
export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];

/** Past this many draws of a taken name, a larger scale has used up the stem-and-suffix names (1,890 of them). */
const NAME_TRIES = 20;

export type World = { accounts: AccountPlan[]; people: PersonPlan[] };

export function slugOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function planAccounts(random: Random, clock: Clock, scale: Scale): AccountPlan[] {
  const usedNames = new Set<string>();
  const usedDomains = new Set<string>();
  const accounts: AccountPlan[] = [];
  const base = scale.accounts - scale.subsidiaries;
  for (let i = 0; i < base; i++) {
    let stem: string;
    let name: string;
    for (let tries = 0; ; tries++) {
      stem = random.pick(COMPANY_STEMS);
      name = random.chance(0.85) ? `${stem} ${random.pick(COMPANY_SUFFIXES)}` : stem;
      if (tries >= NAME_TRIES) name = `${stem} ${random.pick(COMPANY_STEMS)}${tries >= 2 * NAME_TRIES ? ` ${random.int(2, 999)}` : ''} ${random.pick(COMPANY_SUFFIXES)}`;
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);
    let domain: string;
    do {
      const slug = random.weighted([[slugOf(name), 6], [slugOf(stem), 2], [`get${slugOf(stem)}`, 1], [name.toLowerCase().replace(/\s+/g, '-'), 1]] as const);
      domain = `${slug}.${random.pick(TLDS)}`;
    } while (usedDomains.has(domain));
    usedDomains.add(domain);
    const segment = random.weighted<Segment>([['Enterprise', 0.1], ['Mid-Market', 0.3], ['SMB', 0.6]]);
    const lifecycle = random.weighted<Lifecycle>([['customer', 0.78], ['churned', 0.1], ['trial', 0.04], ['prospect', 0.08]]);
    accounts.push(planAccount(random, clock, { index: i, name, domain, segment, lifecycle }));
  }
  // Regional subsidiaries share their parent's domain: domain matching alone would merge them.
  const parents = random.sample(accounts.filter((a) => a.segment === 'Enterprise' && a.lifecycle === 'customer'), scale.subsidiaries);
  const regions = random.sample(SUBSIDIARY_REGIONS, scale.subsidiaries);
  parents.forEach((parent, j) => {
    const sub = planAccount(random, clock, {
      index: accounts.length,
      // Eight regions: past eight subsidiaries (larger scales), regions repeat under other parents.
      name: `${parent.name} ${regions[j % regions.length]}`,
      domain: parent.domain!, // parents are enterprise customers, never on free mail
      segment: 'Mid-Market',
      lifecycle: 'customer',
    });
    sub.parentKey = parent.key;
    sub.owner = parent.owner;
    sub.industry = parent.industry;
    sub.emailPattern = parent.emailPattern;
    sub.systems.crm = true;
    sub.systems.crmDuplicate = false;
    sub.createdAt = clock.iso(Math.max(Date.parse(parent.createdAt), Date.parse(sub.createdAt)));
    accounts.push(sub);
  });
  return accounts;
}

function planAccount(
  random: Random,
  clock: Clock,
  a: { index: number; name: string; domain: string; segment: Segment; lifecycle: Lifecycle },
): AccountPlan {
  const { segment, lifecycle } = a;
  const ageDays =
    lifecycle === 'trial' ? random.int(3, 25)
    : lifecycle === 'prospect' ? random.int(10, 400)
    : segment === 'Enterprise' ? random.int(300, 5 * 365)
    : random.int(lifecycle === 'churned' ? 200 : 60, 4 * 365);
  const createdAt = clock.daysAgo(ageDays) + random.int(0, DAY_MS - 1);
  const churnedAt = lifecycle === 'churned' ? clock.daysAgo(random.int(30, Math.min(ageDays - 100, 600))) : null;
  const activity: Activity =
    lifecycle === 'churned' ? 'dormant'
    : lifecycle === 'trial' ? random.pick(['medium', 'heavy'] as const)
    : random.weighted<Activity>([['dormant', 0.08], ['low', 0.4], ['medium', 0.37], ['heavy', 0.15]]);
  const freeMail = segment === 'SMB' && lifecycle !== 'prospect' && random.chance(0.04);
  const paying = lifecycle !== 'prospect';
  const crm = lifecycle === 'prospect' || segment !== 'SMB' || random.chance(0.85);
  const billing = paying;
  const product = paying;
  const legalForm = random.pick(LEGAL_FORMS);
  return {
    key: `acct_${String(a.index + 1).padStart(4, '0')}`,
    name: a.name,
    legalName: random.chance(0.7) ? `${a.name} ${legalForm}` : a.name,
    domain: freeMail ? null : a.domain,
    segment,
    industry: random.pick(INDUSTRIES),
    owner: random.pick(ACCOUNT_OWNERS),
    country: random.pick(COUNTRIES),
    employees: segment === 'Enterprise' ? random.int(1000, 40_000) : segment === 'Mid-Market' ? random.int(100, 999) : random.int(2, 99),
    lifecycle,
    activity,
    createdAt: clock.iso(createdAt),
    churnedAt: churnedAt === null ? null : clock.iso(churnedAt),
    parentKey: null,
    emailPattern: random.weighted([['first.last', 6], ['flast', 2], ['first', 1], ['firstl', 1]] as const),
    clean: false,
    systems: {
      crm,
      crmDuplicate: crm && random.chance(0.02),
      billing,
      // Some finance teams paste the 15-character id from a Salesforce URL.
      billingCrmId: crm && billing && random.chance(0.85) ? (random.chance(0.03) ? '15' : '18') : 'none',
      product,
      sandboxWorkspace: product && segment === 'Enterprise' && random.chance(0.2),
      productBillingLink: random.chance(0.9),
      zendesk: paying && random.chance(0.75),
      zendeskExternalId: crm && random.chance(0.85) ? '18' : 'none',
      intercom: paying && segment !== 'Enterprise' && random.chance(0.45),
      intercomWorkspaceLink: random.chance(0.9),
    },
  };
}

const SENIORITY_ORDER: readonly Seniority[] = ['executive', 'manager', 'manager', 'staff'];

/** `emails` collects every address handed out, so later additions stay unique too. */
export function planPeople(random: Random, clock: Clock, accounts: readonly AccountPlan[], scale: Scale, emails: Set<string>): PersonPlan[] {
  const people: PersonPlan[] = [];
  const nextKey = () => `person_${String(people.length + 1).padStart(5, '0')}`;
  for (const account of accounts) {
    const count =
      account.lifecycle === 'prospect' ? random.int(1, 4)
      : account.segment === 'Enterprise' ? random.int(20, 60)
      : account.segment === 'Mid-Market' ? random.int(8, 20)
      : random.int(2, 8);
    for (let i = 0; i < count; i++) {
      const seniority = i < SENIORITY_ORDER.length ? SENIORITY_ORDER[i]! : random.chance(0.15) ? 'manager' : 'staff';
      people.push(planPerson(random, clock, { key: nextKey(), account, seniority, emails }));
    }
  }
  // Leads at companies that are not customers yet: CRM only, a few signed up to the product.
  for (let i = 0; i < scale.outsideLeads; i++) {
    const company = `${random.pick(COMPANY_STEMS)} ${random.pick(['Consulting', 'Ventures', 'Digital', 'Solutions', 'Agency'])}`;
    const person = planPerson(random, clock, { key: nextKey(), account: null, seniority: random.pick(['executive', 'manager', 'staff'] as const), emails, company });
    people.push(person);
  }
  return people;
}

/** Makes a unique address from a local part: two different people never share one by accident. */
export function uniqueEmail(emails: Set<string>, local: string, domain: string): string {
  let email = `${local}@${domain}`;
  for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
  emails.add(email);
  return email;
}

export function personalEmail(random: Random, emails: Set<string>, first: string, last: string): string {
  const f = slugOf(first);
  const l = slugOf(last);
  const local = random.pick([`${f}.${l}`, `${f}${l}${random.int(1, 99)}`, `${f[0]}${l}`, `${l}.${f}`, `${f}_${l}`]);
  return uniqueEmail(emails, local, random.pick(FREE_MAIL_DOMAINS));
}

function workLocal(pattern: AccountPlan['emailPattern'], first: string, last: string): string {
  const f = slugOf(first);
  const l = slugOf(last);
  if (pattern === 'flast') return `${f[0]}${l}`;
  if (pattern === 'first') return f;
  if (pattern === 'firstl') return `${f}${l[0]}`;
  return `${f}.${l}`;
}

export function phoneNumber(random: Random, country: string): string {
  const digits = (n: number) => random.chars('0123456789', n);
  if (country === 'United Kingdom') return random.pick([`+44 20 ${digits(4)} ${digits(4)}`, `020 ${digits(4)} ${digits(4)}`]);
  if (country === 'Germany') return random.pick([`+49 30 ${digits(8)}`, `030 ${digits(8)}`]);
  return random.pick([`+1 415 555 ${digits(4)}`, `(415) 555-${digits(4)}`, `415.555.${digits(4)}`, `+1-212-555-${digits(4)}`]);
}

function planPerson(
  random: Random,
  clock: Clock,
  p: { key: string; account: AccountPlan | null; seniority: Seniority; emails: Set<string>; company?: string },
): PersonPlan {
  const { account, seniority } = p;
  const [first, nicknames] = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const companyDomain = account ? account.domain : random.chance(0.6) ? `${slugOf(p.company ?? 'company')}.com` : null;
  const email = companyDomain
    ? uniqueEmail(p.emails, workLocal(account?.emailPattern ?? 'first.last', first, last), companyDomain)
    : personalEmail(random, p.emails, first, last);
  const since = account ? Date.parse(account.createdAt) : clock.daysAgo(500);
  const createdAt = clock.iso(since + random.next() * (clock.now - since));
  const systems = planSystems(random, account, seniority);
  const needsPersonal = systems.productEmail === 'personal' || systems.zendeskEmail === 'personal';
  return {
    key: p.key,
    first,
    nicknames,
    last,
    accountKeys: account ? [account.key] : [],
    email,
    personalEmail: needsPersonal && companyDomain ? personalEmail(random, p.emails, first, last) : null,
    title: random.pick(TITLES_BY_SENIORITY[seniority]),
    seniority,
    phone: random.chance(seniority === 'staff' ? 0.25 : 0.6) ? phoneNumber(random, account?.country ?? 'United States') : null,
    createdAt,
    clean: false,
    company: account ? null : (p.company ?? null),
    systems,
    crmEmail: null,
  };
}

function planSystems(random: Random, account: AccountPlan | null, seniority: Seniority): PersonPlan['systems'] {
  const none: PersonPlan['systems'] = {
    crm: null, crmZendeskId: false, product: false, productEmail: 'work', zendesk: false, zendeskEmail: 'work',
    zendeskNoOrg: false, intercom: false, onDuplicateCrmAccount: false,
  };
  if (!account) return { ...none, crm: 'lead', product: random.chance(0.15) };
  const s = { ...none };
  if (account.systems.crm) {
    const contactChance = account.lifecycle === 'prospect' ? 0.5 : seniority === 'executive' ? 0.95 : seniority === 'manager' ? 0.6 : 0.12;
    if (random.chance(contactChance)) s.crm = random.chance(0.04) ? 'contact+lead' : 'contact';
    else if (random.chance(account.lifecycle === 'prospect' ? 1 : 0.06)) s.crm = 'lead';
  }
  if (account.systems.product) s.product = random.chance(seniority === 'executive' ? 0.55 : 0.92);
  s.productEmail = random.chance(0.05) ? 'personal' : 'work';
  if (account.lifecycle !== 'prospect') s.zendesk = random.chance(s.product ? 0.28 : 0.08);
  s.zendeskEmail = random.chance(0.04) ? 'personal' : 'work';
  s.zendeskNoOrg = random.chance(0.05);
  s.intercom = account.systems.intercom && s.product && random.chance(0.5);
  s.crmZendeskId = s.crm !== null && s.crm !== 'lead' && s.zendesk && random.chance(0.4);
  s.onDuplicateCrmAccount = account.systems.crmDuplicate && s.crm === 'contact' && random.chance(0.3);
  // Everyone is known somewhere.
  if (!s.crm && !s.product && !s.zendesk) {
    if (account.systems.product) s.product = true;
    else s.crm = 'lead';
  }
  return s;
}

export const CLEAN_SYSTEMS: PersonPlan['systems'] = {
  crm: 'contact', crmZendeskId: true, product: true, productEmail: 'work', zendesk: true, zendeskEmail: 'work',
  zendeskNoOrg: false, intercom: true, onDuplicateCrmAccount: false,
};

export function newPerson(
  people: PersonPlan[],
  emails: Set<string>,
  p: { first: string; last: string; account: AccountPlan; email: string; title: string; createdAt: string; systems: Partial<PersonPlan['systems']> },
): PersonPlan {
  emails.add(p.email);
  const person: PersonPlan = {
    key: `person_${String(people.length + 1).padStart(5, '0')}`,
    first: p.first,
    nicknames: [],
    last: p.last,
    accountKeys: [p.account.key],
    email: p.email,
    personalEmail: null,
    title: p.title,
    seniority: 'manager',
    phone: null,
    createdAt: p.createdAt,
    clean: false,
    company: null,
    systems: {
      crm: null, crmZendeskId: false, product: false, productEmail: 'work', zendesk: false, zendeskEmail: 'work',
      zendeskNoOrg: false, intercom: false, onDuplicateCrmAccount: false, ...p.systems,
    },
    crmEmail: null,
  };
  people.push(person);
  return person;
}
