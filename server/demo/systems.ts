import type { AccountPlan, Clock, GroundTruthRow, PersonPlan, Row, SourceName, Tables } from './company.ts';
import { intercomId, productId, salesforceIdMinter, stripeId, uniqueIds } from './ids.ts';
import { messyEmail, typedName, typo, website } from './mess.ts';
import { SUPPORT_AGENTS } from './names.ts';
import type { Random } from './random.ts';
import { slugOf, type World } from './world.ts';

/**
 * Writes each source system's own view of the world: its ids, its copy of names and emails (with the
 * mess each system adds), the shared system ids it stores, and the ground truth of every record.
 */
export type AccountIds = {
  crm: string | null;
  crmDuplicate: string | null;
  billing: string | null;
  workspaces: string[];
  zendeskOrg: number | null;
  intercomCompany: string | null;
};
export type PersonIds = {
  contact: string | null;
  lead: string | null;
  productUser: string | null;
  zendeskUser: number | null;
  intercomContact: string | null;
};
export type Registry = {
  /** Mints every Salesforce id, so records of all objects stay unique. */
  salesforce: ReturnType<typeof salesforceIdMinter>;
  accounts: Map<string, AccountIds>;
  people: Map<string, PersonIds>;
  agents: number[];
  /** Rows whose last-seen columns are filled in once activity exists. */
  productUserRows: Map<string, Row>;
  intercomContactRows: Map<string, Row>;
};

const ZENDESK_ORG_BASE = 360_012_000_000;
const ZENDESK_USER_BASE = 381_000_000_000;

export function mintIds(random: Random, world: World, exportedAt: string): Registry {
  const sf = salesforceIdMinter();
  const unique = uniqueIds();
  const accounts = new Map<string, AccountIds>();
  let zendeskOrg = ZENDESK_ORG_BASE;
  for (const a of world.accounts) {
    const s = a.systems;
    const workspaces = s.product ? [unique(() => productId(random, 'ws'))] : [];
    if (s.product && s.sandboxWorkspace) workspaces.push(unique(() => productId(random, 'ws')));
    accounts.set(a.key, {
      crm: s.crm ? sf('account') : null,
      crmDuplicate: s.crm && s.crmDuplicate ? sf('account') : null,
      billing: s.billing ? unique(() => stripeId(random, 'cus')) : null,
      workspaces,
      zendeskOrg: s.zendesk ? (zendeskOrg += random.int(1, 4000)) : null,
      intercomCompany: s.intercom && a.createdAt < exportedAt ? unique(() => intercomId(random, a.createdAt)) : null,
    });
  }
  let zendeskUser = ZENDESK_USER_BASE;
  const agents = SUPPORT_AGENTS.map(() => (zendeskUser += random.int(1, 50)));
  const people = new Map<string, PersonIds>();
  for (const p of world.people) {
    const s = p.systems;
    const company = p.accountKeys[0] ? accounts.get(p.accountKeys[0]) : undefined;
    people.set(p.key, {
      contact: s.crm === 'contact' || s.crm === 'contact+lead' ? sf('contact') : null,
      lead: s.crm === 'lead' || s.crm === 'contact+lead' ? sf('lead') : null,
      productUser: s.product ? unique(() => productId(random, 'usr')) : null,
      zendeskUser: s.zendesk ? (zendeskUser += random.int(1, 2000)) : null,
      intercomContact:
        s.intercom && company?.intercomCompany && p.createdAt < exportedAt ? unique(() => intercomId(random, p.createdAt)) : null,
    });
  }
  return { salesforce: sf, accounts, people, agents, productUserRows: new Map(), intercomContactRows: new Map() };
}

type Emit = { random: Random; clock: Clock; world: World; registry: Registry; tables: Tables; truth: GroundTruthRow[]; exportedAt: string };

const truthOf = (source: SourceName, id: string | number, kind: 'account' | 'person', key: string): GroundTruthRow => ({
  record_source: source,
  record_id: String(id),
  entity_kind: kind,
  true_entity_key: key,
});

/** A moment between `from` and `to` (ISO or ms), never after now. */
function between(e: Emit, from: string | number, to: string | number = e.clock.now): string {
  const a = typeof from === 'string' ? Date.parse(from) : from;
  const b = Math.max(a, typeof to === 'string' ? Date.parse(to) : to);
  return e.clock.iso(a + e.random.next() * (b - a));
}

export function emitAccounts(e: Emit): void {
  const { random, world, registry, tables, truth } = e;
  // Each account's first employee, who signs up for billing at the smallest customers.
  const firstStaff = new Map<string, PersonPlan>();
  for (const p of world.people) if (p.accountKeys[0] && !firstStaff.has(p.accountKeys[0])) firstStaff.set(p.accountKeys[0], p);
  for (const a of world.accounts) {
    const ids = registry.accounts.get(a.key)!;
    const parent = a.parentKey ? registry.accounts.get(a.parentKey)!.crm : null;
    if (ids.crm) {
      tables['crm.accounts'].push(crmAccountRow(e, a, ids.crm, parent, false));
      truth.push(truthOf('crm', ids.crm, 'account', a.key));
    }
    if (ids.crmDuplicate) {
      tables['crm.accounts'].push(crmAccountRow(e, a, ids.crmDuplicate, parent, true));
      truth.push(truthOf('crm', ids.crmDuplicate, 'account', a.key));
    }
    if (ids.billing) {
      const crmId = a.systems.billingCrmId === 'none' || !ids.crm ? null : a.systems.billingCrmId === '15' ? ids.crm.slice(0, 15) : ids.crm;
      const billingPerson = firstStaff.get(a.key);
      const personal = !a.domain || (a.segment === 'SMB' && !a.clean && random.chance(0.4));
      tables['billing.customers'].push({
        id: ids.billing,
        name: a.segment === 'SMB' && billingPerson && !a.clean && random.chance(0.12) ? `${billingPerson.first} ${billingPerson.last}` : a.legalName,
        email: personal && billingPerson ? (billingPerson.personalEmail ?? billingPerson.email) : `${random.pick(['billing', 'finance', 'accounts', 'ap'])}@${a.domain}`,
        crm_account_id: crmId,
        currency: currencyOf(a.country),
        delinquent: false,
        created_at: a.createdAt,
      });
      truth.push(truthOf('billing', ids.billing, 'account', a.key));
    }
    ids.workspaces.forEach((ws, i) => {
      tables['product.workspaces'].push({
        id: ws,
        name: i === 0 ? (a.clean || random.chance(0.8) ? a.name : `${a.name} Team`) : `${a.name} Sandbox`,
        slug: `${slugOf(a.name)}${i === 0 ? '' : '-sandbox'}`,
        billing_customer_id: ids.billing && (a.systems.productBillingLink || a.clean) ? ids.billing : null,
        // Verified domains are unique in the product, so a subsidiary cannot claim its parent's.
        verified_domain: a.domain && !a.parentKey && i === 0 && (a.clean || random.chance(0.5)) ? a.domain : null,
        plan_tier: null,
        created_at: i === 0 ? a.createdAt : between(e, a.createdAt),
      });
      truth.push(truthOf('product', ws, 'account', a.key));
    });
    if (ids.zendeskOrg) {
      const externalId = !ids.crm || a.systems.zendeskExternalId === 'none' ? null : a.systems.zendeskExternalId === '15' ? ids.crm.slice(0, 15) : ids.crm;
      const createdAt = between(e, a.createdAt);
      tables['zendesk.organizations'].push({
        id: ids.zendeskOrg,
        name: a.name,
        external_id: externalId,
        domain_names: a.domain && !a.parentKey && (a.clean || random.chance(0.7)) ? [a.domain] : [],
        created_at: createdAt,
        updated_at: between(e, createdAt),
      });
      truth.push(truthOf('zendesk', ids.zendeskOrg, 'account', a.key));
    }
    if (ids.intercomCompany) {
      const updated = between(e, a.createdAt, e.exportedAt);
      tables['intercom.companies'].push({
        Id: ids.intercomCompany,
        Name: a.name,
        Website: a.domain ? (random.chance(0.5) ? `https://${a.domain}` : a.domain) : '',
        'External company ID': a.systems.intercomWorkspaceLink || a.clean ? (ids.workspaces[0] ?? '') : '',
        Plan: '',
        'Monthly spend': '',
        'User count': '',
        'Created at': a.createdAt,
        'Last updated': updated,
      });
      truth.push(truthOf('intercom', ids.intercomCompany, 'account', a.key));
    }
  }
}

function crmAccountRow(e: Emit, a: AccountPlan, id: string, parentId: string | null, duplicate: boolean): Row {
  const { random } = e;
  const name = duplicate
    ? random.pick([a.name.toUpperCase(), `${a.name} (old)`, typo(random, a.name), a.name.replace(/\s+\S+$/, '')])
    : !a.clean && random.chance(0.05) ? a.legalName.toUpperCase() : a.legalName;
  if (!duplicate) a.crmName = name;
  const createdAt = duplicate ? between(e, a.createdAt) : e.clock.iso(Date.parse(a.createdAt) - random.int(0, 90) * 86_400_000);
  return {
    id,
    name,
    website: a.domain && (a.clean || (!duplicate && random.chance(0.95)) || (duplicate && random.chance(0.5))) ? website(random, a.domain) : null,
    parent_id: parentId,
    owner_name: duplicate ? random.pick(['Integration User', a.owner]) : a.owner,
    segment: duplicate ? null : a.segment,
    industry: a.industry,
    type: duplicate ? 'Prospect' : { customer: 'Customer', churned: 'Former Customer', trial: 'Prospect', prospect: 'Prospect' }[a.lifecycle],
    billing_country: a.country,
    number_of_employees: duplicate ? null : a.employees,
    created_at: createdAt,
    last_modified_at: between(e, createdAt),
  };
}

export function currencyOf(country: string): string {
  if (['Germany', 'France', 'Netherlands', 'Spain'].includes(country)) return 'eur';
  if (country === 'United Kingdom') return 'gbp';
  return 'usd';
}

export function emitPeople(e: Emit): void {
  const { random, world, registry, tables, truth } = e;
  SUPPORT_AGENTS.forEach((name, i) => {
    tables['zendesk.users'].push({
      id: registry.agents[i]!,
      name,
      email: `${slugOf(name.split(' ')[0]!)}@acme-support.io`,
      phone: null,
      role: 'agent',
      organization_id: null,
      created_at: e.clock.iso(e.clock.daysAgo(1500 - i * 100)),
      updated_at: e.clock.iso(e.clock.daysAgo(random.int(1, 30))),
    });
  });
  const accountsByKey = new Map(world.accounts.map((a) => [a.key, a]));
  for (const p of world.people) {
    const ids = registry.people.get(p.key)!;
    const account = p.accountKeys[0] ? accountsByKey.get(p.accountKeys[0]) : undefined;
    const accountIds = account ? registry.accounts.get(account.key)! : undefined;
    const mess = (email: string, chance: number) => (p.clean ? email : messyEmail(random, email, chance));
    if (ids.contact) {
      const createdAt = between(e, account?.createdAt ?? p.createdAt);
      tables['crm.contacts'].push({
        id: ids.contact,
        account_id: p.systems.onDuplicateCrmAccount && accountIds!.crmDuplicate ? accountIds!.crmDuplicate : accountIds!.crm,
        first_name: !p.clean && p.nicknames.length > 0 && random.chance(0.05) ? random.pick(p.nicknames) : p.first,
        last_name: p.last,
        email: mess(p.crmEmail ?? p.email, 0.1),
        phone: p.phone,
        title: p.title,
        zendesk_user_id: p.systems.crmZendeskId ? ids.zendeskUser : null,
        created_at: createdAt,
        last_modified_at: between(e, createdAt),
      });
      truth.push(truthOf('crm', ids.contact, 'person', p.key));
    }
    if (ids.lead) {
      const createdAt = between(e, account ? account.createdAt : p.createdAt);
      tables['crm.leads'].push({
        id: ids.lead,
        first_name: p.first,
        last_name: !p.clean && random.chance(0.03) ? typo(random, p.last) : p.last,
        email: mess(p.email, 0.15),
        phone: p.phone,
        title: p.title,
        company: account ? (random.chance(0.5) ? account.legalName : account.name) : p.company,
        status: p.systems.crm === 'contact+lead' ? 'Working - Contacted' : random.pick(['Open - Not Contacted', 'Working - Contacted', 'Nurturing', 'Unqualified']),
        created_at: createdAt,
        last_modified_at: between(e, createdAt),
      });
      truth.push(truthOf('crm', ids.lead, 'person', p.key));
    }
    const productEmail = p.systems.productEmail === 'personal' ? (p.personalEmail ?? p.email) : p.email;
    if (ids.productUser) {
      const row: Row = {
        id: ids.productUser,
        email: mess(productEmail, 0.03),
        display_name: !p.clean && random.chance(0.05) ? null : typedName(random, p, { nickname: 0.3, typo: 0.01, lower: 0.04, firstOnly: 0.04 }),
        created_at: p.createdAt,
        last_seen_at: null,
      };
      tables['product.users'].push(row);
      registry.productUserRows.set(p.key, row);
      truth.push(truthOf('product', ids.productUser, 'person', p.key));
    }
    if (ids.zendeskUser) {
      const createdAt = between(e, p.createdAt);
      tables['zendesk.users'].push({
        id: ids.zendeskUser,
        name: typedName(random, p, { nickname: 0.2, typo: 0.03, lower: 0.05, firstOnly: 0.05 }),
        email: mess(p.systems.zendeskEmail === 'personal' ? (p.personalEmail ?? p.email) : p.email, 0.08),
        phone: !p.clean && random.chance(0.2) ? p.phone : null,
        role: 'end-user',
        organization_id: p.systems.zendeskNoOrg ? null : (accountIds?.zendeskOrg ?? null),
        created_at: createdAt,
        updated_at: between(e, createdAt),
      });
      truth.push(truthOf('zendesk', ids.zendeskUser, 'person', p.key));
    }
    if (ids.intercomContact) {
      const row: Row = {
        Id: ids.intercomContact,
        'External ID': p.clean || random.chance(0.9) ? ids.productUser : '',
        Role: 'user',
        Name: !p.clean && random.chance(0.05) ? '' : typedName(random, p, { nickname: 0.25, typo: 0.02, lower: 0.03, firstOnly: 0.1 }),
        Email: productEmail,
        Phone: '',
        'Company ID': accountIds!.intercomCompany,
        'Created at': p.createdAt,
        'Last seen': '',
        'Last updated': between(e, p.createdAt, e.exportedAt),
      };
      tables['intercom.contacts'].push(row);
      registry.intercomContactRows.set(p.key, row);
      truth.push(truthOf('intercom', ids.intercomContact, 'person', p.key));
    }
  }
}

/** Product memberships: a person belongs to the workspaces of every account they work with. */
export function emitMemberships(e: Emit): void {
  const { random, world, registry, tables } = e;
  const createdAt = new Map(world.accounts.map((a) => [a.key, a.createdAt]));
  for (const p of world.people) {
    const user = registry.people.get(p.key)!.productUser;
    if (!user) continue;
    p.accountKeys.forEach((key, i) => {
      const [main, sandbox] = registry.accounts.get(key)!.workspaces;
      if (!main) return;
      const role = i > 0 ? 'guest' : p.seniority === 'executive' ? random.pick(['owner', 'admin']) : p.seniority === 'manager' && random.chance(0.5) ? 'admin' : 'member';
      const joined = p.createdAt > createdAt.get(key)! ? p.createdAt : between(e, createdAt.get(key)!);
      tables['product.memberships'].push({ user_id: user, workspace_id: main, role, created_at: joined });
      if (sandbox && random.chance(0.2)) tables['product.memberships'].push({ user_id: user, workspace_id: sandbox, role: 'member', created_at: between(e, p.createdAt) });
    });
  }
}

export type { Emit, PersonPlan };
