import type { DemoAccount, DemoListing, DemoPerson, DemoScenario, ScenarioTag } from './listing.ts';
import type { Registry } from './systems.ts';
import type { Tables } from './company.ts';
import type { World } from './world.ts';

/** Indexes the activity each person and account has in the help desks and the CRM, for the listing. */
export function activityIndex(tables: Tables, registry: Registry) {
  const group = <K, V>(rows: readonly { [k: string]: unknown }[], key: (r: { [k: string]: unknown }) => K, value: (r: { [k: string]: unknown }) => V) => {
    const map = new Map<K, V[]>();
    for (const row of rows) {
      const list = map.get(key(row));
      if (list) list.push(value(row));
      else map.set(key(row), [value(row)]);
    }
    return map;
  };
  const ticketsByUser = group(tables['zendesk.tickets'], (t) => t.requester_id as number, (t) => t.id as number);
  const conversationsByContact = group(tables['intercom.conversations'], (c) => c['Contact ID'] as string, (c) => c['Conversation ID'] as string);
  const dealsByAccount = group(tables['crm.opportunities'], (o) => o.account_id as string, (o) => o.id as string);
  const casesByAccount = group(tables['crm.cases'], (c) => c.account_id as string, (c) => c.id as string);
  return {
    ticketsOf: (person: string) => ticketsByUser.get(registry.people.get(person)!.zendeskUser ?? -1) ?? [],
    conversationsOf: (person: string) => conversationsByContact.get(registry.people.get(person)!.intercomContact ?? '') ?? [],
    dealsOf: (crmIds: (string | null)[]) => crmIds.flatMap((id) => (id ? (dealsByAccount.get(id) ?? []) : [])),
    casesOf: (crmIds: (string | null)[]) => crmIds.flatMap((id) => (id ? (casesByAccount.get(id) ?? []) : [])),
  };
}

export function buildListing(
  world: World,
  registry: Registry,
  index: ReturnType<typeof activityIndex>,
  scenarios: Record<ScenarioTag, DemoScenario>,
  /** Accounts whose Salesforce id the listing shows in its 15-character form. */
  fifteenCharIds: ReadonlySet<string>,
  /** The accounts to list. */
  listed: ReadonlySet<string>,
): DemoListing {
  const peopleByAccount = new Map<string, DemoPerson[]>();
  for (const p of world.people) {
    if (!p.accountKeys.some((key) => listed.has(key))) continue;
    const ids = registry.people.get(p.key)!;
    const entry: DemoPerson = {
      id: p.key,
      name: `${p.first} ${p.last}`,
      email: p.email,
      ids: { salesforce: ids.contact ?? ids.lead, zendesk_user: ids.zendeskUser, intercom_contact: ids.intercomContact },
      tickets: index.ticketsOf(p.key),
      conversations: index.conversationsOf(p.key),
    };
    for (const key of p.accountKeys) {
      const list = peopleByAccount.get(key);
      if (list) list.push(entry);
      else peopleByAccount.set(key, [entry]);
    }
  }
  const accounts = world.accounts.filter((a) => listed.has(a.key)).map((a): DemoAccount => {
    const ids = registry.accounts.get(a.key)!;
    return {
      id: a.key,
      // The name the sidebar shows: the CRM's spelling wins names, as survivorship says.
      name: a.crmName ?? a.legalName,
      domain: a.domain,
      ids: {
        salesforce: ids.crm && fifteenCharIds.has(a.key) ? ids.crm.slice(0, 15) : ids.crm,
        zendesk_org: ids.zendeskOrg,
        intercom_company: ids.intercomCompany,
        billing: ids.billing,
      },
      opportunities: index.dealsOf([ids.crm, ids.crmDuplicate]),
      cases: index.casesOf([ids.crm, ids.crmDuplicate]),
      people: peopleByAccount.get(a.key) ?? [],
    };
  });
  return { accounts, scenarios };
}
