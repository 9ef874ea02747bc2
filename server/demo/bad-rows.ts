import type { ModelKind } from '../../lib/contract/model-kinds.ts';
import type { PlannedBadRow, Row, SourceName } from './company.ts';
import { intercomId, productId, stripeId } from './ids.ts';
import type { Emit } from './systems.ts';
import type { TableName } from './tables.ts';

/**
 * A few dozen rows that the contract of their model kind must quarantine: the junk every real
 * source carries (epoch-zero and far-future dates, negative amounts, rows without ids or names).
 * Each is returned with its key and the reason, so tests can check the quarantine catches exactly these.
 */
export function injectBadRows(e: Emit, streamedEvents = 0): PlannedBadRow[] {
  const { random, tables, registry } = e;
  const planned: PlannedBadRow[] = [];
  const add = (source: SourceName, table: TableName, kind: ModelKind, row: Row, reason: string, key = String(row.id)) => {
    tables[table].push(row);
    planned.push({ source, table, kind, key, reason });
  };
  const pick = (table: TableName, column = 'id') => random.pick(tables[table])[column] as string;
  const EPOCH = '1970-01-01T00:00:00.000Z';
  const FUTURE = '2099-01-01T00:00:00.000Z';
  const recent = e.clock.iso(e.clock.daysAgo(random.int(1, 60)));

  add('crm', 'crm.accounts', 'accounts', {
    id: registry.salesforce('account'), name: '   ', website: null, parent_id: null, owner_name: 'Integration User', segment: null,
    industry: null, type: null, billing_country: null, number_of_employees: null, created_at: recent, last_modified_at: recent,
  }, 'name is empty');
  for (let i = 0; i < 2; i++) {
    add('crm', 'crm.contacts', 'users', {
      id: registry.salesforce('contact'), account_id: pick('crm.accounts'), first_name: null, last_name: '', email: null, phone: null,
      title: null, zendesk_user_id: null, created_at: recent, last_modified_at: recent,
    }, 'neither email nor name');
  }
  for (let i = 0; i < 2; i++) {
    add('crm', 'crm.opportunities', 'deals', {
      id: registry.salesforce('opportunity'), account_id: pick('crm.accounts'), primary_contact_id: null, name: 'Imported opportunity',
      stage: '', amount: 1000, close_date: recent.slice(0, 10), owner_name: 'Integration User', created_at: recent,
    }, 'stage is empty');
  }
  add('crm', 'crm.cases', 'tickets', {
    id: registry.salesforce('case'), account_id: pick('crm.accounts'), contact_id: pick('crm.contacts'), subject: 'Web-to-case test',
    status: null, priority: null, origin: 'Web', created_at: recent, closed_at: null,
  }, 'status missing');

  const subscription = (mrr: number, status: string, startedAt: string) => ({
    id: stripeId(random, 'sub'), customer_id: pick('billing.customers'), plan: 'team', status, mrr, currency: 'usd', seats: 5,
    started_at: startedAt, ended_at: e.clock.iso(e.clock.daysAgo(400)),
  });
  add('billing', 'billing.subscriptions', 'subscriptions', subscription(-145, 'canceled', e.clock.iso(e.clock.daysAgo(700))), 'mrr is negative');
  add('billing', 'billing.subscriptions', 'subscriptions', subscription(-29.5, 'canceled', e.clock.iso(e.clock.daysAgo(650))), 'mrr is negative');
  add('billing', 'billing.subscriptions', 'subscriptions', subscription(145, 'cancelled', e.clock.iso(e.clock.daysAgo(800))), 'unknown status');
  add('billing', 'billing.subscriptions', 'subscriptions', subscription(58, 'canceled', EPOCH), 'date before 1990');
  const charge = (amount: number | string, createdAt: string) => ({
    id: stripeId(random, 'ch'), customer_id: pick('billing.customers'), subscription_id: pick('billing.subscriptions'), amount,
    currency: 'usd', status: 'failed', failure_reason: 'processing_error', created_at: createdAt,
  });
  add('billing', 'billing.charges', 'charges', charge(49, EPOCH), 'date before 1990');
  add('billing', 'billing.charges', 'charges', charge(0, EPOCH), 'date before 1990');
  add('billing', 'billing.charges', 'charges', charge('NaN', recent), 'amount is not a number');

  const user = (email: string, name: string | null, createdAt: string) => ({ id: productId(random, 'usr'), email, display_name: name, created_at: createdAt, last_seen_at: null });
  add('product', 'product.users', 'users', user('', null, recent), 'neither email nor name');
  add('product', 'product.users', 'users', user('  ', null, recent), 'neither email nor name');
  add('product', 'product.users', 'users', user('qa-signup-bot@acme-support.io', 'QA Bot', FUTURE), 'date in the future');
  for (let i = 0; i < 2; i++) {
    const member = pick('product.memberships', 'user_id');
    add('product', 'product.memberships', 'memberships', { user_id: member, workspace_id: null, role: 'member', created_at: recent }, 'workspace missing', `${member}|`);
  }

  // Ids after the last event, whether the events are in `tables` or streamed.
  let eventId = tables['product.events'].length + streamedEvents;
  const event = (userId: string | null, workspace: string | null, name: string, at: string) =>
    ({ id: ++eventId, user_id: userId, workspace_id: workspace, name, occurred_at: at, properties: { source: 'backfill' } });
  for (let i = 0; i < 6; i++) add('product', 'product.events', 'events', event(null, null, 'page_view', recent), 'neither user nor account');
  for (let i = 0; i < 3; i++) add('product', 'product.events', 'events', event(pick('product.users'), pick('product.workspaces'), 'login', FUTURE), 'date in the future');
  for (let i = 0; i < 2; i++) add('product', 'product.events', 'events', event(pick('product.users'), pick('product.workspaces'), 'login', EPOCH), 'date before 1990');
  add('product', 'product.events', 'events', event(pick('product.users'), pick('product.workspaces'), '', recent), 'event name is empty');

  const endUsers = tables['zendesk.users'].filter((u) => u.role === 'end-user');
  const maxOf = (rows: Row[], column: string) => rows.reduce((max, row) => Math.max(max, row[column] as number), Number.NEGATIVE_INFINITY);
  let ticketId = maxOf(tables['zendesk.tickets'], 'id');
  const ticket = (createdAt: string | null) => {
    const requester = random.pick(endUsers);
    return {
      id: ++ticketId, requester_id: requester.id ?? null, assignee_id: null, organization_id: requester.organization_id ?? null, subject: 'Imported from legacy help desk',
      status: 'closed', priority: null, via: 'api', created_at: createdAt, updated_at: recent,
    };
  };
  for (let i = 0; i < 3; i++) add('zendesk', 'zendesk.tickets', 'tickets', ticket(null), 'created_at missing');
  add('zendesk', 'zendesk.tickets', 'tickets', ticket(EPOCH), 'date before 1990');
  add('zendesk', 'zendesk.users', 'users', {
    id: maxOf(tables['zendesk.users'], 'id') + 17, name: '', email: null, phone: null, role: 'end-user',
    organization_id: null, created_at: recent, updated_at: recent,
  }, 'neither email nor name');

  const exported = e.exportedAt;
  const contactId = intercomId(random, exported);
  add('intercom', 'intercom.contacts', 'users', {
    Id: contactId, 'External ID': '', Role: 'lead', Name: '', Email: '', Phone: '', 'Company ID': '',
    'Created at': exported, 'Last seen': '', 'Last updated': exported,
  }, 'neither email nor name', contactId);
  const lastConversation = tables['intercom.conversations'].at(-1)!;
  const conversationId = String(Number(lastConversation['Conversation ID']) + 1);
  add('intercom', 'intercom.conversations', 'conversations', {
    ...lastConversation, 'Conversation ID': conversationId, Title: 'Imported conversation', 'Created at': '', 'Updated at': '',
  }, 'created_at missing', conversationId);
  return planned;
}
