import type { AccountPlan, Row } from './company.ts';
import { DAY_MS } from './company.ts';
import { stripeId } from './ids.ts';
import { CASE_SUBJECTS } from './names.ts';
import { currencyOf, type Emit } from './systems.ts';

/** Billing history (subscriptions with upgrades and cancellations, charges) and the CRM's deals and cases. */

export const PLAN_PRICES = { starter: 15, team: 29, business: 49, enterprise: 79 } as const;
type Plan = keyof typeof PLAN_PRICES;
export type CurrentSubscription = { plan: Plan; seats: number; mrr: number; status: string };

const FAILURE_REASONS = ['card_declined', 'insufficient_funds', 'expired_card', 'processing_error', 'do_not_honor'] as const;

export function emitBilling(e: Emit): Map<string, CurrentSubscription> {
  const { random, world, registry, tables, clock } = e;
  const current = new Map<string, CurrentSubscription>();
  const customers = new Map(tables['billing.customers'].map((c) => [c.id as string, c]));
  for (const a of world.accounts) {
    const customer = registry.accounts.get(a.key)!.billing;
    if (!customer) continue;
    const plans: Plan[] = a.segment === 'Enterprise' ? ['business', 'enterprise'] : a.segment === 'Mid-Market' ? ['team', 'business'] : ['starter', 'team'];
    let plan = random.pick(plans);
    let seats = a.segment === 'Enterprise' ? random.int(80, 600) : a.segment === 'Mid-Market' ? random.int(15, 80) : random.int(2, 15);
    const annual = a.segment === 'Enterprise';
    const start = Date.parse(a.createdAt);
    const end = a.churnedAt ? Date.parse(a.churnedAt) : null;
    const phases: { plan: Plan; seats: number; start: number; end: number | null }[] = [];
    const span = (end ?? clock.now) - start;
    if (a.lifecycle !== 'trial' && span > 120 * DAY_MS && random.chance(0.35)) {
      const change = start + span * (0.3 + 0.6 * random.next());
      phases.push({ plan, seats, start, end: change });
      const upgraded = plans.indexOf(plan) === 0 && random.chance(0.6);
      plan = upgraded ? plans[1]! : plan;
      seats = upgraded ? seats : Math.round(seats * (1.2 + random.next()));
      phases.push({ plan, seats, start: change, end });
    } else phases.push({ plan, seats, start, end });
    const currency = currencyOf(a.country);
    const finalStatus =
      a.lifecycle === 'trial' ? 'trialing'
      : end !== null ? 'canceled'
      : a.clean ? 'active'
      : random.weighted([['active', 0.9], ['past_due', 0.06], ['unpaid', 0.02], ['paused', 0.02]] as const);
    phases.forEach((phase, i) => {
      const last = i === phases.length - 1;
      const status = last ? finalStatus : 'canceled';
      const mrr = Math.round(phase.seats * PLAN_PRICES[phase.plan] * (annual ? 0.85 : 1) * 100) / 100;
      const subscription = stripeId(random, 'sub');
      tables['billing.subscriptions'].push({
        id: subscription,
        customer_id: customer,
        plan: phase.plan,
        status,
        mrr,
        currency,
        seats: phase.seats,
        started_at: clock.iso(phase.start),
        ended_at: phase.end === null ? null : clock.iso(phase.end),
      });
      if (status !== 'trialing') emitCharges(e, { customer, subscription, currency, mrr, annual, start: phase.start, end: phase.end, dunning: last ? status : 'active' });
      if (last) current.set(a.key, { plan: phase.plan, seats: phase.seats, mrr, status });
    });
    if (finalStatus === 'past_due' || finalStatus === 'unpaid') {
      const row = customers.get(customer);
      if (row) row.delinquent = true;
    }
  }
  return current;
}

function emitCharges(
  e: Emit,
  s: { customer: string; subscription: string; currency: string; mrr: number; annual: boolean; start: number; end: number | null; dunning: string },
): void {
  const { random, tables, clock } = e;
  const stop = s.end ?? clock.now;
  const amount = s.annual ? Math.round(s.mrr * 12 * 100) / 100 : s.mrr;
  const period = (s.annual ? 365 : 30.4) * DAY_MS;
  const charge = (status: string, at: number, failure: string | null = null) =>
    tables['billing.charges'].push({
      id: stripeId(random, 'ch'),
      customer_id: s.customer,
      subscription_id: s.subscription,
      amount,
      currency: s.currency,
      status,
      failure_reason: failure,
      created_at: clock.iso(at),
    });
  for (let at = s.start; at < stop; at += period) {
    const isLast = at + period >= stop;
    if (isLast && (s.dunning === 'past_due' || s.dunning === 'unpaid')) {
      if (s.dunning === 'unpaid' && at - period >= s.start) charge('failed', at - period + 3 * DAY_MS, random.pick(FAILURE_REASONS));
      charge('failed', at, random.pick(FAILURE_REASONS));
      continue;
    }
    if (random.chance(0.03)) {
      charge('failed', at, random.pick(FAILURE_REASONS));
      const retry = at + random.int(1, 4) * DAY_MS;
      if (retry < stop) charge('succeeded', retry);
    } else charge(random.chance(0.005) ? 'refunded' : 'succeeded', at);
  }
}

const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'] as const;

export function emitCrmActivity(e: Emit, subscriptions: Map<string, CurrentSubscription>): void {
  const { random, world, registry, tables, clock } = e;
  const sf = registry.salesforce;
  const contactsByAccount = new Map<string, string[]>();
  for (const p of world.people) {
    const contact = registry.people.get(p.key)!.contact;
    if (!contact || !p.accountKeys[0]) continue;
    const list = contactsByAccount.get(p.accountKeys[0]);
    if (list) list.push(contact);
    else contactsByAccount.set(p.accountKeys[0], [contact]);
  }
  const date = (ms: number) => clock.iso(ms).slice(0, 10);
  for (const a of world.accounts) {
    const ids = registry.accounts.get(a.key)!;
    if (!ids.crm) continue;
    const contacts = contactsByAccount.get(a.key) ?? [];
    const yearly = (subscriptions.get(a.key)?.mrr ?? estimateMrr(a)) * 12;
    const deal = (name: string, stage: string, closeAt: number, amount = yearly, accountId = ids.crm) => {
      const closedAt = Math.min(closeAt, clock.now);
      tables['crm.opportunities'].push({
        id: sf('opportunity'),
        account_id: accountId,
        primary_contact_id: contacts.length > 0 && random.chance(0.8) ? contacts[0]! : null,
        name: `${a.name} - ${name}`,
        stage,
        amount: Math.round(amount),
        close_date: date(closedAt),
        owner_name: a.owner,
        created_at: clock.iso(closedAt - random.int(20, 120) * DAY_MS),
      });
    };
    const created = Date.parse(a.createdAt);
    if (a.lifecycle === 'prospect' || a.lifecycle === 'trial') {
      // Open deals are due by now: a forecast date later than today would not pass the contract.
      deal('New Business', random.chance(0.7) ? random.pick(OPEN_STAGES) : 'Closed Lost', clock.now - random.int(0, 20) * DAY_MS);
    } else {
      deal('New Business', 'Closed Won', created);
      const end = a.churnedAt ? Date.parse(a.churnedAt) : clock.now;
      for (let year = 1, at = created + 365 * DAY_MS; at < end && year <= 5; year++, at += 365 * DAY_MS) {
        deal(`Renewal ${new Date(at).getUTCFullYear()}`, 'Closed Won', at);
      }
      if (a.churnedAt) deal('Renewal', 'Closed Lost', Date.parse(a.churnedAt));
      else if (random.chance(0.4)) deal('Expansion', random.pick(OPEN_STAGES), clock.now - random.int(0, 20) * DAY_MS, yearly * 0.3);
    }
    if (ids.crmDuplicate && random.chance(0.5)) deal('Inbound', 'Closed Lost', created - random.int(30, 300) * DAY_MS, yearly, ids.crmDuplicate);
    if (a.segment === 'SMB' || a.lifecycle !== 'customer' || contacts.length === 0) continue;
    for (let i = random.int(0, 4); i > 0; i--) {
      const at = Math.max(created, clock.daysAgo(730)) + random.next() * (clock.now - Math.max(created, clock.daysAgo(730)));
      const old = at < clock.daysAgo(30);
      const status = old && random.chance(0.9) ? 'Closed' : random.pick(['New', 'Working', 'Escalated']);
      tables['crm.cases'].push({
        id: sf('case'),
        account_id: ids.crm,
        contact_id: random.pick(contacts),
        subject: random.pick(CASE_SUBJECTS),
        status,
        priority: random.pick(['Low', 'Medium', 'Medium', 'High']),
        origin: random.pick(['Email', 'Phone', 'Web']),
        created_at: clock.iso(at),
        closed_at: status === 'Closed' ? clock.iso(at + random.int(1, 20) * DAY_MS) : null,
      });
    }
  }
}

function estimateMrr(a: AccountPlan): number {
  return a.segment === 'Enterprise' ? 12_000 : a.segment === 'Mid-Market' ? 1_500 : 150;
}

/** Copies the current billing plan where other systems keep one: the product's workspace and Intercom's company. */
export function applyPlans(e: Emit, subscriptions: Map<string, CurrentSubscription>): void {
  const byId = (rows: Row[], column: string) => new Map<string, Row>(rows.map((r) => [r[column] as string, r]));
  const workspaces = byId(e.tables['product.workspaces'], 'id');
  const companies = byId(e.tables['intercom.companies'], 'Id');
  for (const a of e.world.accounts) {
    const ids = e.registry.accounts.get(a.key)!;
    const current = subscriptions.get(a.key);
    for (const ws of ids.workspaces) workspaces.get(ws)!.plan_tier = current?.plan ?? 'free';
    const company = ids.intercomCompany ? companies.get(ids.intercomCompany) : undefined;
    if (company && current) {
      company.Plan = current.plan;
      company['Monthly spend'] = String(Math.round(current.mrr));
      company['User count'] = String(current.seats);
    }
  }
}
