import type { DemoAccount, DemoListing, DemoPerson } from '../../../server/demo/listing.ts';
import { normaliseSalesforceId } from '../../../lib/contract/normalise.ts';
import type { ReplicaConversation } from './replica-intercom.ts';
import type { ReplicaRecord } from './replica-salesforce.ts';

/** Accounts no scenario mentions (scenario accounts are deliberately tricky), with distinct names. */
export function plainAccounts(listing: DemoListing, accept: (account: DemoAccount) => boolean): DemoAccount[] {
  const tricky = new Set(Object.values(listing.scenarios).map((s) => s.account));
  const names = new Set<string>();
  return listing.accounts.filter((account) => {
    if (tricky.has(account.id) || names.has(account.name) || !accept(account)) return false;
    names.add(account.name);
    return true;
  });
}

export function scenarioOf(listing: DemoListing, tag: keyof DemoListing['scenarios']) {
  const scenario = listing.scenarios[tag];
  const account = listing.accounts.find((a) => a.id === scenario.account)!;
  const person = account.people.find((p) => p.id === scenario.person)!;
  return { account, person };
}

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`The demo listing has no ${what}.`);
  return value;
};

/** Intercom: a conversation of the stale-source person, one of another account, and one only its DOM names. */
export interface IntercomJourney {
  stale: { account: DemoAccount; person: DemoPerson; conversationId: string };
  other: { account: DemoAccount; person: DemoPerson; conversationId: string };
  /** A conversation and contact the backend has never seen: only the email in the details sidebar resolves it. */
  domOnly: { account: DemoAccount; person: DemoPerson; conversationId: string };
  conversations: ReplicaConversation[];
}

export function intercomJourney(listing: DemoListing): IntercomJourney {
  const { account, person } = scenarioOf(listing, 'stale_source');
  const stale = { account, person, conversationId: need(person.conversations[0], 'stale_source conversation') };
  const withConversation = (a: DemoAccount) => a.people.some((p) => p.conversations.length > 0 && p.ids.intercom_contact && p.email);
  const otherAccount = need(plainAccounts(listing, withConversation).find((a) => a.name !== account.name), 'second account with a conversation');
  const otherPerson = otherAccount.people.find((p) => p.conversations.length > 0 && p.ids.intercom_contact && p.email)!;
  const other = { account: otherAccount, person: otherPerson, conversationId: otherPerson.conversations[0]! };
  const domAccount = need(
    plainAccounts(listing, (a) => a.people.some((p) => p.email) && a.name !== account.name && a.name !== otherAccount.name).at(-1),
    'third account with an email',
  );
  const domPerson = domAccount.people.find((p) => p.email)!;
  const domOnly = { account: domAccount, person: domPerson, conversationId: '990000000000001' };

  const conversation = (
    { account: a, person: p, conversationId }: { account: DemoAccount; person: DemoPerson; conversationId: string },
    contactId: string,
    subject: string,
  ): ReplicaConversation => ({
    id: conversationId,
    subject,
    messages: [`Hi, ${p.name} here from ${a.name}.`, `${subject}? Please copy billing@${a.domain ?? 'example.com'} too.`],
    contact: { id: contactId, name: p.name, email: p.email! },
    company: { id: a.ids.intercom_company ?? 'f'.repeat(24), name: a.name },
  });
  return {
    stale,
    other,
    domOnly,
    conversations: [
      conversation(stale, stale.person.ids.intercom_contact!, 'Invoice in the wrong currency'),
      conversation(other, other.person.ids.intercom_contact!, 'Seats not updating after upgrade'),
      conversation(domOnly, 'ffffffffffffffffffffffff', 'Question about SSO'),
    ],
  };
}

/** Salesforce: the 15-character-id account with an opportunity, a case and a contact; another account; a Lead only its DOM names. */
export interface SalesforceJourney {
  account: DemoAccount;
  /** The account's id as the listing gives it (15 characters in the scenario) and in 18. */
  accountId15: string;
  accountId: string;
  opportunityId: string;
  caseId: string;
  contact: DemoPerson & { ids: { salesforce: string } };
  other: { account: DemoAccount; contact: DemoPerson & { ids: { salesforce: string } } };
  lead: { id: string; account: DemoAccount; person: DemoPerson };
  records: ReplicaRecord[];
}

type WithSalesforce = DemoPerson & { ids: { salesforce: string } };
const hasSalesforceId = (p: DemoPerson): p is WithSalesforce => p.ids.salesforce !== null && p.email !== null;
const id18 = (id: string) => normaliseSalesforceId(id)!;

export function salesforceJourney(listing: DemoListing): SalesforceJourney {
  const { account, person } = scenarioOf(listing, 'salesforce_15_char_id');
  const accountId15 = need(account.ids.salesforce ?? undefined, 'salesforce account id in salesforce_15_char_id');
  const accountId = id18(accountId15);
  const contact = need(
    [person, ...account.people].find(hasSalesforceId),
    `Salesforce contact of ${account.name}`,
  );
  const opportunityId = id18(need(account.opportunities[0], `opportunity of ${account.name}`));
  const caseId = id18(need(account.cases[0], `case of ${account.name}`));
  const otherAccount = need(
    plainAccounts(listing, (a) => a.ids.salesforce !== null && a.people.some(hasSalesforceId) && a.name !== account.name)[0],
    'second Salesforce account with a contact',
  );
  const other = { account: otherAccount, contact: otherAccount.people.find(hasSalesforceId)! };
  const leadAccount = need(
    plainAccounts(listing, (a) => a.people.some((p) => p.email) && a.name !== account.name && a.name !== otherAccount.name).at(-1),
    'third account with an email',
  );
  const lead = { id: '00Q5g00000Kx3PzEAJ', account: leadAccount, person: leadAccount.people.find((p) => p.email)! };

  const accountLink = (a: DemoAccount) => ({
    apiName: 'AccountId',
    label: 'Account Name',
    type: 'lookup' as const,
    value: a.name,
    ref: id18(a.ids.salesforce!),
  });
  const contactRecord = (a: DemoAccount, p: WithSalesforce): ReplicaRecord => ({
    id: id18(p.ids.salesforce),
    object: 'Contact',
    name: p.name,
    fields: [accountLink(a), { apiName: 'Email', label: 'Email', type: 'email', value: p.email! }],
    related: [],
  });
  const accountRecord = (a: DemoAccount, contacts: WithSalesforce[], opportunities: string[], cases: string[]): ReplicaRecord => ({
    id: id18(a.ids.salesforce!),
    object: 'Account',
    name: a.name,
    fields: [{ apiName: 'Website', label: 'Website', type: 'text', value: a.domain ?? '' }],
    related: [
      { title: 'Contacts', records: contacts.map((p) => ({ id: id18(p.ids.salesforce), name: p.name })) },
      { title: 'Opportunities', records: opportunities.map((id, i) => ({ id, name: `${a.name} – Opportunity ${i + 1}` })) },
      { title: 'Cases', records: cases.map((id, i) => ({ id, name: `Case 0000${1021 + i}` })) },
    ],
  });
  return {
    account,
    accountId15,
    accountId,
    opportunityId,
    caseId,
    contact,
    other,
    lead,
    records: [
      accountRecord(account, [contact], [opportunityId], [caseId]),
      contactRecord(account, contact),
      {
        id: opportunityId,
        object: 'Opportunity',
        name: `${account.name} – Opportunity 1`,
        fields: [accountLink(account), { apiName: 'StageName', label: 'Stage', type: 'text', value: 'Negotiation' }],
        related: [],
      },
      {
        id: caseId,
        object: 'Case',
        name: 'Case 00001021',
        // No Contact Email: the listing does not say who the case's contact is, and another person's
        // address beside the case's own contact would (rightly) make the lookup ambiguous.
        fields: [accountLink(account), { apiName: 'Subject', label: 'Subject', type: 'text', value: 'SSO login loops for admins' }],
        related: [],
      },
      accountRecord(otherAccount, [other.contact], [], []),
      contactRecord(otherAccount, other.contact),
      {
        id: lead.id,
        object: 'Lead',
        name: lead.person.name,
        fields: [
          { apiName: 'Company', label: 'Company', type: 'text', value: leadAccount.name },
          { apiName: 'Email', label: 'Email', type: 'email', value: lead.person.email! },
        ],
        related: [],
      },
    ],
  };
}
