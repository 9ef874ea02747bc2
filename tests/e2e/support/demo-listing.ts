import { z } from 'zod';

/** The part of `sidelight demo list --json` (DESIGN section 4) the browser tests read. */
const Person = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  tickets: z.array(z.coerce.number().int()).default([]),
});
const Account = z.object({ id: z.string(), name: z.string(), people: z.array(Person) });
export const DemoListing = z.object({
  accounts: z.array(Account),
  scenarios: z.record(z.string(), z.object({ account: z.string(), person: z.string().nullish() })),
});
export type DemoListing = z.infer<typeof DemoListing>;

export interface TicketCase {
  ticketId: number;
  accountName: string;
  person: { name: string; email: string | null };
}

/** The clean-match account's person with a ticket (that person first, when the scenario names one). */
export function cleanMatchTicket(listing: DemoListing): TicketCase {
  const scenario = listing.scenarios.clean_match;
  if (!scenario) throw new Error('The demo listing has no `clean_match` scenario.');
  const account = listing.accounts.find((a) => a.id === scenario.account);
  if (!account) throw new Error(`The clean_match account ${scenario.account} is not in the listing.`);
  const people = [...account.people].sort((a, b) => Number(b.id === scenario.person) - Number(a.id === scenario.person));
  const person = people.find((p) => p.tickets.length > 0);
  if (!person) throw new Error(`No person of ${account.name} has a Zendesk ticket in the listing.`);
  return { ticketId: person.tickets[0]!, accountName: account.name, person };
}

/**
 * A ticket of another account that no scenario mentions (scenario accounts are deliberately tricky:
 * wrong merges, ambiguous matches, stale sources), with a name distinct from `other`'s.
 */
export function ticketOfAnotherAccount(listing: DemoListing, other: TicketCase): TicketCase {
  const tricky = new Set(Object.values(listing.scenarios).map((s) => s.account));
  for (const account of listing.accounts) {
    if (tricky.has(account.id) || account.name === other.accountName) continue;
    const person = account.people.find((p) => p.tickets.length > 0);
    if (person) return { ticketId: person.tickets[0]!, accountName: account.name, person };
  }
  throw new Error('The demo listing has no second account with a Zendesk ticket.');
}
