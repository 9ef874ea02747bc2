import type { Row } from './company.ts';
import { DAY_MS } from './company.ts';
import { CONVERSATION_TITLES, PRODUCT_FEATURES, PRODUCT_PAGES, TICKET_SUBJECTS } from './names.ts';
import type { Random } from './random.ts';
import type { Emit } from './systems.ts';

/** Product events over the last 180 days, Zendesk tickets and Intercom conversations. */

const EVENT_WINDOW_DAYS = 180;
const ACTIVITY_WEIGHT = { dormant: 0.8, low: 0.8, medium: 2.5, heavy: 6 } as const;

type Member = { user: string; since: number; weight: number };
type EventPlan = { workspace: string; list: Member[]; from: number; to: number; count: number };

/** Product events too many to hold (10M at the large scale): counted now, replayed in chunks when written. */
export type EventStream = { count: number; chunks(size: number): Iterable<Row[]> };

/**
 * Plans each account's product events and draws them once to learn when each user was last seen and
 * which id each event gets (ids follow time, as a real table's would), keeping only a sort key per event.
 * The stream it returns replays the same draws to make the rows, so memory does not grow with the events.
 */
export function emitEvents(e: Emit, target: number): EventStream {
  const plans = planEvents(e, target);
  const start = e.random.clone();
  const bound = plans.reduce((sum, p) => sum + p.count, 0);
  if (bound >= 2 ** 25) throw new Error(`demo: ${bound} events are more than the generator can number`);
  const base = plans.reduce((min, p) => Math.min(min, Math.floor(p.from)), Number.POSITIVE_INFINITY);
  // (ms since the earliest event) * 2^25 + draw index: a native sort of these is a stable sort by time.
  const keys = new BigUint64Array(bound);
  const lastSeen = new Map<string, number>();
  let count = 0;
  for (const { events, at } of drawEvents(e, e.random, plans)) {
    events.forEach((event, i) => {
      keys[count] = (BigInt(Math.trunc(Math.min(at[i]!, e.clock.now)) - base) << 25n) | BigInt(count);
      count++;
      const user = event.user_id as string | null;
      if (user && at[i]! > (lastSeen.get(user) ?? 0)) lastSeen.set(user, at[i]!);
    });
  }
  const sorted = keys.subarray(0, count).sort();
  const ids = new Uint32Array(count);
  for (let i = 0; i < count; i++) ids[Number(sorted[i]! & 0x1ffffffn)] = i + 1;
  fillLastSeen(e, lastSeen);
  return {
    count,
    *chunks(size) {
      let chunk: Row[] = [];
      let index = 0;
      for (const { events } of drawEvents(e, start.clone(), plans)) {
        for (const event of events) {
          event.id = ids[index++]!;
          chunk.push(event);
          if (chunk.length >= size) {
            yield chunk;
            chunk = [];
          }
        }
      }
      if (chunk.length > 0) yield chunk;
    },
  };
}

/** Which workspaces get events, between which moments, how many, and which members may act. */
function planEvents(e: Emit, target: number): EventPlan[] {
  const { random, world, registry, clock } = e;
  const userSince = new Map<string, number>();
  for (const p of world.people) {
    const user = registry.people.get(p.key)!.productUser;
    if (user) userSince.set(user, Date.parse(p.createdAt));
  }
  const members = new Map<string, Member[]>();
  for (const m of e.tables['product.memberships']) {
    const list = members.get(m.workspace_id as string) ?? [];
    list.push({ user: m.user_id as string, since: Math.max(userSince.get(m.user_id as string)!, Date.parse(m.created_at as string)), weight: random.next() ** 2 + 0.05 });
    members.set(m.workspace_id as string, list);
  }
  const plans = world.accounts.flatMap((a) => {
    const workspace = registry.accounts.get(a.key)!.workspaces[0];
    const list = workspace ? members.get(workspace) : undefined;
    if (!workspace || !list || a.lifecycle === 'prospect') return [];
    const from = Math.max(Date.parse(a.createdAt), clock.daysAgo(EVENT_WINDOW_DAYS));
    // Dormant accounts stopped using the product more than two months ago: the churn risk the health score should see.
    const to = a.churnedAt ? Date.parse(a.churnedAt) : a.activity === 'dormant' ? clock.daysAgo(random.int(65, 120)) : clock.now;
    if (to <= from) return [];
    list.sort((x, y) => x.since - y.since);
    const weight = ACTIVITY_WEIGHT[a.activity] * list.length ** 0.8 * ((to - from) / (EVENT_WINDOW_DAYS * DAY_MS));
    return [{ workspace, list, from, to, weight }];
  });
  const total = plans.reduce((sum, p) => sum + p.weight, 0);
  return plans.map(({ weight, ...plan }) => ({ ...plan, count: Math.round((weight / total) * target) }));
}

/** Draws each plan's events in turn from `random`; the same stream gives the same events. */
function* drawEvents(e: Emit, random: Random, plans: readonly EventPlan[]): Generator<{ events: Row[]; at: number[] }> {
  const { clock } = e;
  for (const plan of plans) {
    const events: Row[] = [];
    const times: number[] = [];
    for (let i = 0; i < plan.count; i++) {
      let at = plan.from + random.next() * (plan.to - plan.from);
      const day = new Date(at).getUTCDay();
      if ((day === 0 || day === 6) && random.chance(0.7)) at = plan.from + random.next() * (plan.to - plan.from);
      const member = pickMember(random, plan.list, at);
      if (!member) continue;
      const kind = random.next();
      // A few events belong to the workspace alone (system jobs) or to the user alone (before choosing a workspace).
      const user = kind < 0.02 ? null : member.user;
      const workspace = kind > 0.99 ? null : plan.workspace;
      const [name, properties] = user ? productEvent(random) : [random.pick(['workspace_settings_changed', 'billing_updated', 'data_sync_completed']), { automated: true }];
      events.push({ id: 0, user_id: user, workspace_id: workspace, name, occurred_at: clock.iso(at), properties });
      times.push(at);
    }
    yield { events, at: times };
  }
}

function pickMember(random: Random, list: Member[], at: number): Member | undefined {
  let eligible = 0;
  while (eligible < list.length && list[eligible]!.since <= at) eligible++;
  if (eligible === 0) return undefined;
  let total = 0;
  for (let i = 0; i < eligible; i++) total += list[i]!.weight;
  let roll = random.next() * total;
  for (let i = 0; i < eligible; i++) {
    roll -= list[i]!.weight;
    if (roll < 0) return list[i];
  }
  return list[eligible - 1];
}

function productEvent(random: Random): [string, Record<string, unknown>] {
  const name = random.weighted([['page_view', 45], ['feature_used', 28], ['login', 12], ['search', 7], ['report_exported', 5], ['invite_sent', 2], ['integration_connected', 1]] as const);
  switch (name) {
    case 'page_view':
      return [name, { path: random.pick(PRODUCT_PAGES), duration_ms: random.int(300, 120_000) }];
    case 'feature_used':
      return [name, { feature: random.pick(PRODUCT_FEATURES), count: random.int(1, 12) }];
    case 'login':
      return [name, { method: random.pick(['password', 'sso', 'google', 'magic_link']), client: random.pick(['web', 'web', 'ios', 'android']) }];
    case 'search':
      return [name, { query_length: random.int(2, 40), results: random.int(0, 200) }];
    case 'report_exported':
      return [name, { format: random.pick(['csv', 'pdf', 'xlsx']), rows: random.int(10, 50_000) }];
    case 'invite_sent':
      return [name, { role: random.pick(['member', 'admin', 'viewer']) }];
    default:
      return [name, { integration: random.pick(['slack', 'salesforce', 'hubspot', 'jira', 'zapier']) }];
  }
}

function fillLastSeen(e: Emit, lastSeen: Map<string, number>): void {
  for (const [personKey, row] of e.registry.productUserRows) {
    const seen = lastSeen.get(row.id as string);
    row.last_seen_at = seen ? e.clock.iso(seen) : e.random.chance(0.5) ? null : (row.created_at ?? null);
    const contact = e.registry.intercomContactRows.get(personKey);
    if (contact) {
      const exported = Date.parse(e.exportedAt);
      const before = seen === undefined ? Date.parse(row.created_at as string) : Math.min(seen, exported - e.random.int(1, 48) * 3_600_000);
      contact['Last seen'] = e.clock.iso(Math.max(before, Date.parse(contact['Created at'] as string)));
    }
  }
}

const TICKET_COUNTS = [[0, 15], [1, 35], [2, 25], [3, 12], [4, 8], [6, 5]] as const;

/** `mustHave`: people (by key) who need at least one ticket for their scenario. */
export function emitTickets(e: Emit, mustHave: ReadonlySet<string>): void {
  const { random, world, registry, clock } = e;
  const users = new Map<number, Row>(e.tables['zendesk.users'].map((u) => [u.id as number, u]));
  const tickets: Row[] = [];
  for (const p of world.people) {
    const userId = registry.people.get(p.key)!.zendeskUser;
    if (!userId) continue;
    const user = users.get(userId)!;
    const count = Math.max(random.weighted(TICKET_COUNTS), mustHave.has(p.key) ? 1 : 0);
    const from = Math.max(Date.parse(p.createdAt), clock.daysAgo(730));
    for (let i = 0; i < count; i++) {
      const at = from + random.next() * (clock.now - from);
      const age = (clock.now - at) / DAY_MS;
      const status =
        age < 2 ? random.pick(['new', 'open'])
        : age < 14 ? random.pick(['open', 'pending', 'hold', 'solved'])
        : random.chance(0.9) ? random.pick(['solved', 'closed', 'closed']) : 'open';
      tickets.push({
        id: 0,
        requester_id: userId,
        assignee_id: status === 'new' ? null : random.pick(registry.agents),
        organization_id: random.chance(0.97) ? user.organization_id! : null,
        subject: random.pick(TICKET_SUBJECTS),
        status,
        priority: random.weighted([[null, 3], ['low', 2], ['normal', 4], ['high', 2], ['urgent', 0.5]] as const),
        via: random.pick(['email', 'email', 'web', 'chat', 'api']),
        created_at: clock.iso(at),
        updated_at: clock.iso(at + random.next() * (clock.now - at)),
      });
      // Zendesk creates a requester with their first ticket.
      if ((user.created_at as string) > clock.iso(at)) user.created_at = clock.iso(at);
    }
  }
  tickets.sort((x, y) => (x.created_at as string).localeCompare(y.created_at as string));
  // Zendesk numbers tickets per instance from 1; deleted and spam tickets leave gaps.
  let id = 100;
  for (const ticket of tickets) ticket.id = id += random.chance(0.1) ? random.int(2, 4) : 1;
  for (const ticket of tickets) e.tables['zendesk.tickets'].push(ticket); // a spread of 400k arguments overflows the stack
}

const CONVERSATION_COUNTS = [[0, 40], [1, 30], [2, 15], [3, 10], [5, 5]] as const;
const CONVERSATION_ID_BASE = 215_463_000_000_000;

export function emitConversations(e: Emit, mustHave: ReadonlySet<string>): void {
  const { random, registry, clock } = e;
  const exported = Date.parse(e.exportedAt);
  const conversations: Row[] = [];
  for (const [personKey, contact] of registry.intercomContactRows) {
    const count = Math.max(random.weighted(CONVERSATION_COUNTS), mustHave.has(personKey) ? 2 : 0);
    const from = Math.max(Date.parse(contact['Created at'] as string), exported - 365 * DAY_MS);
    for (let i = 0; i < count; i++) {
      const at = from + random.next() * (exported - from);
      const recent = exported - at < 3 * DAY_MS;
      conversations.push({
        'Conversation ID': '',
        'Contact ID': contact.Id ?? null,
        'Contact email': contact.Email ?? null,
        'Company ID': contact['Company ID'] ?? null,
        Title: random.pick(CONVERSATION_TITLES),
        State: recent ? random.pick(['open', 'snoozed']) : random.chance(0.95) ? 'closed' : 'open',
        Priority: random.chance(0.1) ? 'priority' : 'not_priority',
        'Created at': clock.iso(at),
        'Updated at': clock.iso(at + random.next() * (exported - at)),
      });
    }
  }
  conversations.sort((x, y) => (x['Created at'] as string).localeCompare(y['Created at'] as string));
  let id = CONVERSATION_ID_BASE;
  for (const c of conversations) c['Conversation ID'] = String((id += random.int(1, 90_000)));
  for (const conversation of conversations) e.tables['intercom.conversations'].push(conversation);
}
