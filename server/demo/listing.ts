import { z } from 'zod';

/**
 * What `sidelight demo list --json` prints: the demo company's accounts and people with their ids in
 * every system, and one example per scenario worth trying on the replica hosts (DESIGN.md section 4).
 */
export const SCENARIO_TAGS = [
  'clean_match',
  'wrong_merge',
  'ambiguous',
  'unknown_requester',
  'subsidiary_shared_domain',
  'salesforce_15_char_id',
  'stale_source',
] as const;
export const ScenarioTag = z.enum(SCENARIO_TAGS);
export type ScenarioTag = z.infer<typeof ScenarioTag>;

const EntityKey = (prefix: 'acct' | 'person') => z.string().regex(new RegExp(`^${prefix}_\\d+$`));
const SalesforceId = z.string().regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/);

export const DemoPerson = z.object({
  id: EntityKey('person'),
  name: z.string().min(1),
  email: z.string().nullable(),
  ids: z.object({
    salesforce: SalesforceId.nullable(),
    zendesk_user: z.number().int().positive().nullable(),
    intercom_contact: z.string().regex(/^[0-9a-f]{24}$/).nullable(),
  }),
  tickets: z.array(z.number().int().positive()),
  conversations: z.array(z.string().regex(/^\d+$/)),
});
export type DemoPerson = z.infer<typeof DemoPerson>;

export const DemoAccount = z.object({
  id: EntityKey('acct'),
  name: z.string().min(1),
  domain: z.string().nullable(),
  ids: z.object({
    salesforce: SalesforceId.nullable(),
    zendesk_org: z.number().int().positive().nullable(),
    intercom_company: z.string().regex(/^[0-9a-f]{24}$/).nullable(),
    billing: z.string().startsWith('cus_').nullable(),
  }),
  opportunities: z.array(SalesforceId),
  cases: z.array(SalesforceId),
  people: z.array(DemoPerson),
});
export type DemoAccount = z.infer<typeof DemoAccount>;

export const DemoScenario = z.object({ account: EntityKey('acct'), person: EntityKey('person'), note: z.string().min(1) });
export type DemoScenario = z.infer<typeof DemoScenario>;

export const DemoListing = z
  .object({
    accounts: z.array(DemoAccount),
    // An enum-keyed record is exhaustive in zod 4: every tag must be present.
    scenarios: z.record(ScenarioTag, DemoScenario),
  })
  .superRefine((listing, ctx) => {
    const accounts = new Map(listing.accounts.map((a) => [a.id, a]));
    for (const [tag, scenario] of Object.entries(listing.scenarios)) {
      const account = accounts.get(scenario.account);
      if (!account) ctx.addIssue({ code: 'custom', path: ['scenarios', tag, 'account'], message: `unknown account ${scenario.account}` });
      else if (!account.people.some((p) => p.id === scenario.person))
        ctx.addIssue({ code: 'custom', path: ['scenarios', tag, 'person'], message: `${scenario.person} is not a person of ${scenario.account}` });
    }
  });
export type DemoListing = z.infer<typeof DemoListing>;
