import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../../../server/config/load.ts';

/**
 * A small company on CSV (CRM, billing, product) whose records sit at known distances from ANCHOR, with
 * metrics, health and per-role properties, so tests can state exact answers.
 */
export const ANCHOR = new Date('2026-06-01T12:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(ANCHOR.getTime() + offsetMs).toISOString();

// Events of account w1 by two users; one lies after the anchor and must count nowhere.
const EVENT_OFFSETS = [-1 * HOUR, -30 * HOUR, -3 * DAY, -10 * DAY, -40 * DAY, -100 * DAY, +1 * HOUR];

function csv(rows: Record<string, string | number>[]): string {
  const columns = Object.keys(rows[0]!);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c] ?? '')).join(','))].join('\n') + '\n';
}

export async function writeSources(dir: string) {
  await writeFile(
    path.join(dir, 'crm_accounts.csv'),
    csv([
      { id: 'sf1', name: 'Acme (CRM)', domain: 'acme.com', owner: 'Olive Owner', plan: 'CRM plan', updated_at: at(-5 * DAY) },
      { id: 'sf2', name: 'Quiet Co', domain: 'quiet.example', owner: 'Quinn', plan: '', updated_at: at(-5 * DAY) },
    ]),
  );
  await writeFile(
    path.join(dir, 'billing_customers.csv'),
    csv([
      // Billing wins plan; CRM wins owner and name even though billing's values are newer.
      { id: 'cus1', name: 'ACME BILLING', crm_id: 'sf1', plan: 'Enterprise', owner: 'Billing Bob', created_at: at(-1 * DAY) },
    ]),
  );
  await writeFile(path.join(dir, 'workspaces.csv'), csv([{ id: 'w1', name: 'acme-ws', crm_id: 'sf1' }, { id: 'w2', name: 'quiet-ws', crm_id: 'sf2' }]));
  await writeFile(
    path.join(dir, 'users.csv'),
    csv([
      { id: 'u1', email: 'ann@acme.com', name: 'Ann', phone: '+1 555 0100', account_id: 'w1' },
      { id: 'u2', email: 'bo@acme.com', name: 'Bo', phone: '', account_id: 'w1' },
    ]),
  );
  await writeFile(
    path.join(dir, 'memberships.csv'),
    csv([
      { user_id: 'u1', account_id: 'w1', created_at: at(-50 * DAY) },
      { user_id: 'u2', account_id: 'w1', created_at: at(-2 * DAY) },
    ]),
  );
  await writeFile(
    path.join(dir, 'events.csv'),
    csv(EVENT_OFFSETS.map((offset, i) => ({ id: `e${i}`, user_id: i % 2 === 0 ? 'u1' : 'u2', account_id: 'w1', name: i === 0 ? 'login' : 'page_view', occurred_at: at(offset) }))),
  );
  await writeFile(
    path.join(dir, 'subscriptions.csv'),
    csv([
      { id: 's1', account_id: 'cus1', plan: 'Enterprise', status: 'active', mrr: 1200, seats: 4, started_at: at(-200 * DAY) },
      { id: 's2', account_id: 'cus1', plan: 'Addon', status: 'active', mrr: 300.5, seats: 1, started_at: at(-20 * DAY) },
      { id: 's3', account_id: 'cus1', plan: 'Old', status: 'canceled', mrr: 999, seats: 10, started_at: at(-400 * DAY) },
    ]),
  );
  await writeFile(
    path.join(dir, 'charges.csv'),
    csv([
      { id: 'ch1', account_id: 'cus1', amount: 10, status: 'failed', created_at: at(-5 * DAY) },
      { id: 'ch2', account_id: 'cus1', amount: 10, status: 'failed', created_at: at(-45 * DAY) },
      { id: 'ch3', account_id: 'cus1', amount: 10, status: 'succeeded', created_at: at(-6 * DAY) },
      // A charge of a customer billing does not have: a quality warning, counted in no metric.
      { id: 'ch4', account_id: 'cus9', amount: 10, status: 'failed', created_at: at(-6 * DAY) },
    ]),
  );
}

export function configFor(dir: string) {
  return parseConfig({
    sources: {
      crm: { type: 'csv', dir, system: 'crm' },
      billing: { type: 'csv', dir, system: 'billing' },
      product: { type: 'csv', dir, system: 'product' },
    },
    models: [
      { name: 'crm_accounts', kind: 'accounts', source: 'crm', file: 'crm_accounts.csv' },
      { name: 'billing_customers', kind: 'accounts', source: 'billing', file: 'billing_customers.csv', sameAs: [{ column: 'crm_id', source: 'crm' }] },
      { name: 'subscriptions', kind: 'subscriptions', source: 'billing', file: 'subscriptions.csv' },
      { name: 'charges', kind: 'charges', source: 'billing', file: 'charges.csv' },
      { name: 'workspaces', kind: 'accounts', source: 'product', file: 'workspaces.csv', sameAs: [{ column: 'crm_id', source: 'crm' }] },
      { name: 'users', kind: 'users', source: 'product', file: 'users.csv' },
      { name: 'memberships', kind: 'memberships', source: 'product', file: 'memberships.csv' },
      { name: 'events', kind: 'events', source: 'product', file: 'events.csv' },
    ],
    properties: [
      { key: 'name', entity: 'account', label: 'Name', priority: ['crm', 'billing', 'product'] },
      { key: 'plan', entity: 'account', label: 'Plan', priority: ['billing', 'crm'] },
      { key: 'owner', entity: 'account', label: 'Owner', priority: ['crm'], roles: ['account_exec', 'cs_rep', 'admin'] },
      { key: 'email', entity: 'person', label: 'Email', roles: ['cs_rep', 'admin'] },
      { key: 'phone', entity: 'person', label: 'Phone', maskFor: ['support_agent'] },
    ],
    metrics: [
      { key: 'usage', label: 'Usage', entity: 'account', kind: 'events', aggregation: 'count', time: 'occurred_at' },
      { key: 'active_users', label: 'Active users', entity: 'account', kind: 'events', aggregation: 'count_distinct', field: 'person', time: 'occurred_at' },
      { key: 'users_added', label: 'Users added', entity: 'account', kind: 'memberships', aggregation: 'count', time: 'created_at' },
      {
        key: 'failed_charges', label: 'Failed charges', entity: 'account', kind: 'charges', aggregation: 'count', time: 'created_at', lowerIsBetter: true,
        filter: [{ field: 'status', op: 'eq', value: 'failed' }], roles: ['account_exec', 'cs_rep', 'admin'],
      },
      { key: 'mrr', label: 'MRR', entity: 'account', kind: 'subscriptions', aggregation: 'sum', field: 'mrr', format: 'currency', filter: [{ field: 'status', op: 'in', value: ['active', 'past_due'] }] },
      { key: 'seats', label: 'Seats', entity: 'account', kind: 'subscriptions', aggregation: 'sum', field: 'seats', filter: [{ field: 'status', op: 'ne', value: 'canceled' }] },
      { key: 'seats_used', label: 'Seats used', entity: 'account', kind: 'memberships', aggregation: 'count_distinct', field: 'person' },
      { key: 'seat_use', label: 'Seats used of purchased', entity: 'account', kind: 'memberships', aggregation: 'count', format: 'percent', ratio: { numerator: 'seats_used', denominator: 'seats' } },
      { key: 'since_login', label: 'Since last login', entity: 'account', kind: 'events', aggregation: 'max', field: 'occurred_at', format: 'duration', filter: [{ field: 'name', op: 'eq', value: 'login' }] },
      { key: 'person_usage', label: 'Usage', entity: 'person', kind: 'events', aggregation: 'count', time: 'occurred_at' },
    ],
    health: {
      factors: [
        { key: 'usage', label: 'Usage', metric: 'usage', window: '30d', weight: 3, curve: [[0, 0], [8, 100]] },
        { key: 'billing', label: 'Failed charges', metric: 'failed_charges', window: '90d', weight: 1, curve: [[0, 100], [2, 0]] },
      ],
      bands: { good: 70, watch: 40 },
    },
  });
}

