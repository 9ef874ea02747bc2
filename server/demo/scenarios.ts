import type { AccountPlan, Clock, PersonPlan } from './company.ts';
import { DAY_MS } from './company.ts';
import type { DemoScenario, ScenarioTag } from './listing.ts';
import type { Random } from './random.ts';
import type { Registry } from './systems.ts';
import { CLEAN_SYSTEMS, newPerson, personalEmail, uniqueEmail, type World } from './world.ts';

/**
 * Plants one example of each scenario of DESIGN.md section 4 in the world before the systems record it,
 * and afterwards describes each with the ids a person needs to try it.
 */
export type ScenarioAnchors = Record<ScenarioTag, { account: string; person: string }> & {
  /** The second account of the ambiguous consultant, and the other person of the wrong merge. */
  ambiguousOther: string;
  wrongMergeOther: string;
};

export type ScenarioNeeds = { tickets: Set<string>; conversations: Set<string> };

const ALL_SYSTEMS: AccountPlan['systems'] = {
  crm: true, crmDuplicate: false, billing: true, billingCrmId: '18', product: true, sandboxWorkspace: false,
  productBillingLink: true, zendesk: true, zendeskExternalId: '18', intercom: true, intercomWorkspaceLink: true,
};

export function plantScenarios(
  random: Random,
  clock: Clock,
  world: World,
  emails: Set<string>,
  exportedAt: string,
): { anchors: ScenarioAnchors; needs: ScenarioNeeds } {
  const used = new Set<string>();
  const parents = new Set(world.accounts.map((a) => a.parentKey).filter(Boolean));
  const take = (label: string, fits: (a: AccountPlan) => boolean) => {
    const account = world.accounts.find((a) => !used.has(a.key) && !parents.has(a.key) && !a.parentKey && fits(a));
    if (!account) throw new Error(`demo: no account fits the ${label} scenario`);
    used.add(account.key);
    return account;
  };
  const staff = (a: AccountPlan) => world.people.filter((p) => p.accountKeys[0] === a.key);
  const since = (a: AccountPlan) => clock.iso(Math.min(clock.now, Date.parse(a.createdAt) + 10 * DAY_MS));
  const customer = (a: AccountPlan) => a.lifecycle === 'customer' && a.domain !== null && Date.parse(a.createdAt) < Date.parse(exportedAt) - 60 * DAY_MS;

  const clean = take('clean_match', (a) => customer(a) && a.segment === 'Mid-Market');
  Object.assign(clean, { clean: true, activity: 'medium', systems: { ...ALL_SYSTEMS } });
  const cleanPerson = staff(clean).find((p) => p.seniority === 'executive')!;
  Object.assign(cleanPerson, { clean: true, systems: { ...CLEAN_SYSTEMS }, personalEmail: null, crmEmail: null });
  if (cleanPerson.createdAt >= exportedAt) cleanPerson.createdAt = since(clean);

  // A team alias: the CRM contact Dana carries ops@, which Sam uses to log in and write to support.
  const wrong = take('wrong_merge', (a) => customer(a) && a.segment === 'Mid-Market');
  Object.assign(wrong.systems, { crm: true, crmDuplicate: false, product: true, zendesk: true, intercom: true });
  const alias = uniqueEmail(emails, 'ops', wrong.domain!);
  const dana = newPerson(world.people, emails, {
    first: 'Dana', last: 'Whitfield', account: wrong, email: uniqueEmail(emails, 'dana.whitfield', wrong.domain!),
    title: 'Head of Operations', createdAt: since(wrong), systems: { crm: 'contact', product: true },
  });
  dana.crmEmail = alias;
  const sam = newPerson(world.people, emails, {
    first: 'Sam', last: 'Ortiz', account: wrong, email: alias, title: 'Operations Analyst', createdAt: since(wrong),
    // Also in Intercom, so the wrong merge can be flagged from a conversation (an EU workspace, in the e2e journey).
    systems: { product: true, zendesk: true, intercom: true },
  });

  // An implementation consultant working in two customers' workspaces, known to Zendesk without an organisation.
  const [first, second] = [take('ambiguous', customer), take('ambiguous', customer)];
  for (const a of [first, second]) a.systems.product = true;
  const consultant = newPerson(world.people, emails, {
    first: 'Jordan', last: 'Reyes', account: first, email: uniqueEmail(emails, 'jordan', 'brightpath-consulting.com'),
    title: 'Implementation Consultant', createdAt: since(first), systems: { product: true, zendesk: true, zendeskNoOrg: true },
  });
  consultant.accountKeys.push(second.key);

  // Writes to support from a personal address that no other system has ever seen.
  const unknownAt = take('unknown_requester', customer);
  unknownAt.systems.zendesk = true;
  const unknown = newPerson(world.people, emails, {
    first: 'Chris', last: 'Donnelly', account: unknownAt, email: personalEmail(random, emails, 'Chris', 'Donnelly'),
    title: 'Support Specialist', createdAt: clock.iso(clock.daysAgo(3)), systems: { zendesk: true, zendeskNoOrg: true },
  });

  const subsidiary = world.accounts.find((a) => a.parentKey !== null && !used.has(a.key));
  if (!subsidiary) throw new Error('demo: no subsidiary for the subsidiary_shared_domain scenario');
  used.add(subsidiary.key);
  Object.assign(subsidiary.systems, { crm: true, product: true, zendesk: true });
  const subPerson = staff(subsidiary).find((p) => p.seniority === 'executive')!;
  Object.assign(subPerson.systems, { crm: 'contact', product: true, productEmail: 'work', zendesk: true, zendeskEmail: 'work', zendeskNoOrg: false });

  const sf15 = take('salesforce_15_char_id', (a) => customer(a) && a.segment === 'Enterprise');
  Object.assign(sf15.systems, { crm: true, crmDuplicate: false, billing: true, billingCrmId: '15', zendesk: true, zendeskExternalId: '15' });
  const sf15Person = staff(sf15).find((p) => p.seniority === 'executive')!;
  sf15Person.systems.crm = 'contact';

  const stale = take('stale_source', (a) => customer(a) && a.segment !== 'Enterprise');
  Object.assign(stale, { activity: 'heavy' });
  Object.assign(stale.systems, { product: true, intercom: true });
  const stalePerson = staff(stale).find((p) => p.createdAt < exportedAt) ?? staff(stale)[0]!;
  Object.assign(stalePerson.systems, { product: true, intercom: true });
  if (stalePerson.createdAt >= exportedAt) stalePerson.createdAt = since(stale);

  const anchor = (account: AccountPlan, person: PersonPlan) => ({ account: account.key, person: person.key });
  return {
    anchors: {
      clean_match: anchor(clean, cleanPerson),
      wrong_merge: anchor(wrong, sam),
      ambiguous: anchor(first, consultant),
      unknown_requester: anchor(unknownAt, unknown),
      subsidiary_shared_domain: anchor(subsidiary, subPerson),
      salesforce_15_char_id: anchor(sf15, sf15Person),
      stale_source: anchor(stale, stalePerson),
      ambiguousOther: second.key,
      wrongMergeOther: dana.key,
    },
    needs: {
      tickets: new Set([cleanPerson.key, sam.key, consultant.key, unknown.key, subPerson.key]),
      conversations: new Set([cleanPerson.key, stalePerson.key, sam.key]),
    },
  };
}

export function describeScenarios(
  anchors: ScenarioAnchors,
  world: World,
  registry: Registry,
  facts: { exportedAt: string; staleDays: number; ticketsOf: (person: string) => number[]; conversationsOf: (person: string) => string[] },
): Record<ScenarioTag, DemoScenario> {
  const account = (key: string) => world.accounts.find((a) => a.key === key)!;
  const person = (key: string) => world.people.find((p) => p.key === key)!;
  const ids = (key: string) => registry.people.get(key)!;
  const acctIds = (key: string) => registry.accounts.get(key)!;
  const name = (p: PersonPlan) => `${p.first} ${p.last}`;
  const firstTicket = (key: string) => facts.ticketsOf(key)[0] ?? 'none';
  const a = anchors;
  const dana = person(a.wrongMergeOther);
  const sam = person(a.wrong_merge.person);
  const parent = account(account(a.subsidiary_shared_domain.account).parentKey!);
  const crm15 = acctIds(a.salesforce_15_char_id.account).crm!;
  const note = {
    clean_match: `${name(person(a.clean_match.person))} (${person(a.clean_match.person).email}) is the same person in Salesforce, the product, Zendesk and Intercom, with the same address everywhere, and the CRM contact stores their Zendesk user id; open Zendesk ticket ${firstTicket(a.clean_match.person)}.`,
    wrong_merge: `${name(sam)} logs in and writes to support as ${sam.email}, a team alias; in Salesforce the same address sits on the contact of ${name(dana)} (${ids(dana.key).contact}), a different person. Exact-email linking merges them: open Zendesk ticket ${firstTicket(sam.key)} (or Intercom conversation ${facts.conversationsOf(sam.key)[0] ?? 'none'}) and flag the Salesforce contact as a wrong merge.`,
    ambiguous: `${name(person(a.ambiguous.person))} is a consultant (${person(a.ambiguous.person).email}) with memberships in the workspaces of ${account(a.ambiguous.account).name} and ${account(a.ambiguousOther).name} (${a.ambiguousOther}); the Zendesk user has no organization, so ticket ${firstTicket(a.ambiguous.person)} has two candidate accounts.`,
    unknown_requester: `Zendesk user ${ids(a.unknown_requester.person).zendeskUser} (${person(a.unknown_requester.person).email}) exists in no other system and has no organization; ticket ${firstTicket(a.unknown_requester.person)} resolves to that requester alone, with no account, although the person works at ${account(a.unknown_requester.account).name}.`,
    subsidiary_shared_domain: `${account(a.subsidiary_shared_domain.account).name} is a subsidiary of ${parent.name} (${parent.key}) and shares its domain ${parent.domain}; people there must not be attached to the parent by domain.`,
    salesforce_15_char_id: `The Salesforce account ${crm15} is stored by its 15-character id ${crm15.slice(0, 15)} on the billing customer ${acctIds(a.salesforce_15_char_id.account).billing} and the Zendesk organization ${acctIds(a.salesforce_15_char_id.account).zendeskOrg}; the listing shows the 15-character form.`,
    stale_source: `Intercom is a CSV export whose job stopped ${facts.staleDays} days ago (${facts.exportedAt}): the files carry that modification time and nothing in them is newer. Intercom contact ${ids(a.stale_source.person).intercomContact} (conversations ${facts.conversationsOf(a.stale_source.person).join(', ')}) should show as stale while product data is current.`,
  } satisfies Record<ScenarioTag, string>;
  const tags = Object.keys(note) as ScenarioTag[];
  return Object.fromEntries(tags.map((tag) => [tag, { account: a[tag].account, person: a[tag].person, note: note[tag] }])) as Record<ScenarioTag, DemoScenario>;
}
