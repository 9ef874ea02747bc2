import path from 'node:path';
import { defineConfig } from './server/config/schema.ts';

/**
 * The demo deployment: the demo company's CRM, billing, product and Zendesk databases
 * (`sidelight demo seed` writes them) and its Intercom CSV exports. Each model is plain SQL that
 * aliases a table's columns to its kind's names; every other column becomes a property.
 */
const dataDir = process.env.SIDELIGHT_DATA_DIR ?? '.sidelight/data';
const sourcesDir = path.join(dataDir, 'demo-sources');

// One embedded database folder holds the four schemas, unless the demo sources live on a server.
const database = process.env.DEMO_SOURCE_DATABASE_URL
  ? ({ type: 'postgres', url: { env: 'DEMO_SOURCE_DATABASE_URL' } } as const)
  : ({ type: 'pglite', dataDir: path.join(sourcesDir, 'db') } as const);

// Revenue and contact details stay with the commercial roles; every role sees the rest (the default).
const commercial = ['account_exec', 'cs_rep', 'admin'] as const;

export default defineConfig({
  sources: {
    crm: { ...database, system: 'crm', app: 'salesforce', appUrl: 'https://acme.lightning.force.com' },
    billing: { ...database, system: 'billing', app: 'stripe' },
    product: { ...database, system: 'product', app: 'product' },
    zendesk: { ...database, system: 'support', app: 'zendesk', appUrl: 'https://acme.zendesk.com' },
    intercom: { type: 'csv', dir: path.join(sourcesDir, 'intercom'), system: 'support', app: 'intercom', appUrl: 'https://app.intercom.com' },
  },
  models: [
    // --- CRM (Salesforce) ---
    {
      name: 'crm_accounts',
      kind: 'accounts',
      source: 'crm',
      freshnessMinutes: 60,
      schedule: '*/30 * * * *',
      sql: `select id, name, website as domain, parent_id, owner_name as owner, segment, industry, type as lifecycle,
              billing_country as country, number_of_employees as employees, created_at, last_modified_at as updated_at
            from crm.accounts`,
    },
    {
      name: 'crm_contacts',
      kind: 'users',
      source: 'crm',
      freshnessMinutes: 60,
      schedule: '*/30 * * * *',
      sameAs: [{ column: 'zendesk_user_id', source: 'zendesk' }],
      sql: `select id, email, nullif(trim(concat_ws(' ', first_name, last_name)), '') as name, phone, title, account_id,
              zendesk_user_id, created_at, last_modified_at as updated_at
            from crm.contacts`,
    },
    {
      name: 'crm_leads',
      kind: 'users',
      source: 'crm',
      freshnessMinutes: 60,
      schedule: '*/30 * * * *',
      sql: `select id, email, nullif(trim(concat_ws(' ', first_name, last_name)), '') as name, phone, title, company,
              status as lead_status, created_at, last_modified_at as updated_at
            from crm.leads`,
    },
    {
      name: 'crm_opportunities',
      kind: 'deals',
      source: 'crm',
      freshnessMinutes: 60,
      schedule: '*/30 * * * *',
      sql: `select id, account_id, primary_contact_id as contact_id, name, stage, amount, close_date, owner_name as owner, created_at
            from crm.opportunities`,
    },
    {
      name: 'crm_cases',
      kind: 'tickets',
      source: 'crm',
      freshnessMinutes: 60,
      schedule: '*/30 * * * *',
      sql: `select c.id, c.contact_id as requester_id, ct.email as requester_email, c.account_id, c.subject, c.status, c.priority,
              c.origin, c.created_at, c.closed_at
            from crm.cases c left join crm.contacts ct on ct.id = c.contact_id`,
    },
    // --- Billing (Stripe) ---
    {
      name: 'billing_customers',
      kind: 'accounts',
      source: 'billing',
      freshnessMinutes: 60,
      schedule: '*/30 * * * *',
      sameAs: [{ column: 'crm_account_id', source: 'crm' }],
      // The domain comes from the billing email, so free-mail domains show up here: identity must ignore them.
      sql: `select c.id, c.name, nullif(split_part(lower(trim(c.email)), '@', 2), '') as domain, c.email as billing_email,
              c.crm_account_id, s.plan, s.status as subscription_status,
              case when s.status = 'canceled' then 0 else s.mrr end as mrr, upper(c.currency) as currency, s.seats,
              c.delinquent, c.created_at
            from billing.customers c
            left join lateral (
              select plan, status, mrr, seats from billing.subscriptions
              where customer_id = c.id and mrr >= 0 and status in ('trialing', 'active', 'past_due', 'unpaid', 'paused', 'canceled')
              order by (status <> 'canceled') desc, started_at desc
              limit 1
            ) s on true`,
    },
    {
      name: 'billing_subscriptions',
      kind: 'subscriptions',
      source: 'billing',
      freshnessMinutes: 60,
      schedule: '*/30 * * * *',
      sql: `select id, customer_id as account_id, plan, status, mrr, upper(currency) as currency, seats, started_at, ended_at
            from billing.subscriptions`,
    },
    {
      name: 'billing_charges',
      kind: 'charges',
      source: 'billing',
      freshnessMinutes: 60,
      schedule: '*/30 * * * *',
      sql: `select id, customer_id as account_id, amount, upper(currency) as currency, status, failure_reason, created_at, subscription_id
            from billing.charges`,
    },
    // --- Product ---
    {
      name: 'product_workspaces',
      kind: 'accounts',
      source: 'product',
      freshnessMinutes: 30,
      schedule: '*/15 * * * *',
      sameAs: [{ column: 'billing_customer_id', source: 'billing' }],
      sql: `select id, name, verified_domain as domain, plan_tier as plan, billing_customer_id, slug, created_at
            from product.workspaces`,
    },
    {
      name: 'product_users',
      kind: 'users',
      source: 'product',
      freshnessMinutes: 30,
      schedule: '*/15 * * * *',
      sql: `select id, email, display_name as name, created_at, last_seen_at from product.users`,
    },
    {
      name: 'product_memberships',
      kind: 'memberships',
      source: 'product',
      freshnessMinutes: 30,
      schedule: '*/15 * * * *',
      sql: `select user_id, workspace_id as account_id, role, created_at from product.memberships`,
    },
    {
      name: 'product_events',
      // Events never change once written: read only the new ones, and reread all once a day for deletions.
      cursor: 'occurred_at',
      fullRefreshHours: 24,
      kind: 'events',
      source: 'product',
      freshnessMinutes: 30,
      schedule: '*/15 * * * *',
      sql: `select id, user_id, workspace_id as account_id, name, occurred_at, properties from product.events`,
    },
    // --- Zendesk ---
    {
      name: 'zendesk_organizations',
      kind: 'accounts',
      source: 'zendesk',
      freshnessMinutes: 30,
      schedule: '*/15 * * * *',
      sameAs: [{ column: 'external_id', source: 'crm' }],
      sql: `select id, name, domain_names[1] as domain, external_id, created_at, updated_at from zendesk.organizations`,
    },
    {
      name: 'zendesk_users',
      kind: 'users',
      source: 'zendesk',
      freshnessMinutes: 30,
      schedule: '*/15 * * * *',
      // Agents are the vendor's own staff, not customers.
      sql: `select id, email, name, phone, organization_id as account_id, created_at, updated_at
            from zendesk.users where role = 'end-user'`,
    },
    {
      name: 'zendesk_tickets',
      kind: 'tickets',
      source: 'zendesk',
      freshnessMinutes: 15,
      schedule: '*/5 * * * *',
      sql: `select t.id, t.requester_id, u.email as requester_email, t.organization_id as account_id, t.subject, t.status,
              t.priority, t.via, t.created_at, t.updated_at
            from zendesk.tickets t left join zendesk.users u on u.id = t.requester_id`,
    },
    // --- Intercom (a nightly CSV export) ---
    {
      name: 'intercom_companies',
      kind: 'accounts',
      source: 'intercom',
      file: 'companies.csv',
      freshnessMinutes: 24 * 60,
      schedule: '0 */6 * * *',
      sameAs: [{ column: 'workspace_id', source: 'product' }],
      columns: {
        Id: 'id', Name: 'name', Website: 'domain', 'External company ID': 'workspace_id', Plan: 'plan',
        'Monthly spend': 'monthly_spend', 'User count': 'seats', 'Created at': 'created_at', 'Last updated': 'updated_at',
      },
    },
    {
      name: 'intercom_contacts',
      kind: 'users',
      source: 'intercom',
      file: 'contacts.csv',
      freshnessMinutes: 24 * 60,
      schedule: '0 */6 * * *',
      sameAs: [{ column: 'product_user_id', source: 'product' }],
      columns: {
        Id: 'id', 'External ID': 'product_user_id', Role: 'intercom_role', Name: 'name', Email: 'email', Phone: 'phone',
        'Company ID': 'account_id', 'Created at': 'created_at', 'Last seen': 'last_seen_at', 'Last updated': 'updated_at',
      },
    },
    {
      name: 'intercom_conversations',
      kind: 'conversations',
      source: 'intercom',
      file: 'conversations.csv',
      freshnessMinutes: 24 * 60,
      schedule: '0 */6 * * *',
      columns: {
        'Conversation ID': 'id', 'Contact ID': 'requester_id', 'Contact email': 'requester_email', 'Company ID': 'account_id',
        Title: 'subject', State: 'status', Priority: 'priority', 'Created at': 'created_at', 'Updated at': 'updated_at',
      },
    },
  ],
  properties: [
    { key: 'name', entity: 'account', label: 'Name', priority: ['crm', 'billing', 'product', 'support'] },
    { key: 'domain', entity: 'account', label: 'Domain', format: 'url', priority: ['crm', 'product', 'support', 'billing'] },
    { key: 'plan', entity: 'account', label: 'Plan', group: 'Billing', priority: ['billing', 'crm', 'product', 'support'] },
    { key: 'subscription_status', entity: 'account', label: 'Subscription', group: 'Billing', priority: ['billing'] },
    { key: 'mrr', entity: 'account', label: 'MRR', group: 'Billing', format: 'currency', priority: ['billing'], roles: [...commercial] },
    { key: 'seats', entity: 'account', label: 'Seats', group: 'Billing', format: 'number', priority: ['billing', 'product', 'support'] },
    { key: 'delinquent', entity: 'account', label: 'Payment overdue', group: 'Billing', priority: ['billing'], roles: [...commercial] },
    { key: 'billing_email', entity: 'account', label: 'Billing email', group: 'Billing', format: 'email', priority: ['billing'], roles: [...commercial] },
    { key: 'owner', entity: 'account', label: 'Account owner', group: 'Relationship', priority: ['crm'] },
    { key: 'segment', entity: 'account', label: 'Segment', group: 'Relationship', priority: ['crm'] },
    { key: 'lifecycle', entity: 'account', label: 'Lifecycle stage', group: 'Relationship', priority: ['crm'] },
    { key: 'industry', entity: 'account', label: 'Industry', priority: ['crm'] },
    { key: 'employees', entity: 'account', label: 'Employees', format: 'number', priority: ['crm'] },
    { key: 'country', entity: 'account', label: 'Country', priority: ['crm'] },
    { key: 'name', entity: 'person', label: 'Name', priority: ['crm', 'product', 'support'] },
    { key: 'email', entity: 'person', label: 'Email', format: 'email', priority: ['crm', 'product', 'support'] },
    { key: 'title', entity: 'person', label: 'Title', priority: ['crm'] },
    { key: 'phone', entity: 'person', label: 'Phone', priority: ['crm', 'support'], maskFor: ['support_agent'] },
    { key: 'last_seen_at', entity: 'person', label: 'Last seen', group: 'Activity', format: 'date', priority: ['product', 'support'] },
    { key: 'lead_status', entity: 'person', label: 'Lead status', group: 'Relationship', priority: ['crm'], roles: [...commercial] },
  ],
  // The Calixa set: governed once here, used by the lookup, the health score and the precomputed contexts.
  metrics: [
    { key: 'product_usage', label: 'Product usage', entity: 'account', kind: 'events', aggregation: 'count', time: 'occurred_at',
      filter: [{ field: 'user_id', op: 'not_null' }] },
    { key: 'active_users', label: 'Active users', entity: 'account', kind: 'events', aggregation: 'count_distinct', field: 'person', time: 'occurred_at' },
    { key: 'users_added', label: 'Users added', entity: 'account', kind: 'memberships', aggregation: 'count', time: 'created_at' },
    { key: 'conversations', label: 'Conversations', entity: 'account', kind: 'conversations', aggregation: 'count', time: 'created_at' },
    { key: 'open_tickets', label: 'Open tickets', entity: 'account', kind: 'tickets', aggregation: 'count', lowerIsBetter: true,
      filter: [{ field: 'status', op: 'in', value: ['new', 'open', 'pending', 'hold', 'New', 'Working', 'Escalated'] }] },
    { key: 'failed_charges', label: 'Failed charges', entity: 'account', kind: 'charges', aggregation: 'count', time: 'created_at', lowerIsBetter: true,
      filter: [{ field: 'status', op: 'eq', value: 'failed' }], roles: [...commercial] },
    { key: 'mrr', label: 'MRR', entity: 'account', kind: 'subscriptions', aggregation: 'sum', field: 'mrr', format: 'currency',
      filter: [{ field: 'status', op: 'in', value: ['active', 'past_due', 'trialing', 'unpaid'] }], roles: [...commercial] },
    { key: 'seats_purchased', label: 'Seats purchased', entity: 'account', kind: 'subscriptions', aggregation: 'sum', field: 'seats',
      filter: [{ field: 'status', op: 'in', value: ['active', 'past_due', 'trialing', 'unpaid'] }] },
    { key: 'seats_used', label: 'Seats used', entity: 'account', kind: 'memberships', aggregation: 'count_distinct', field: 'person' },
    { key: 'seat_utilisation', label: 'Seats used of purchased', entity: 'account', kind: 'memberships', aggregation: 'count', format: 'percent',
      ratio: { numerator: 'seats_used', denominator: 'seats_purchased' } },
    { key: 'days_since_login', label: 'Since last login', entity: 'account', kind: 'events', aggregation: 'max', field: 'occurred_at', format: 'duration',
      lowerIsBetter: true, filter: [{ field: 'name', op: 'eq', value: 'login' }] },
    { key: 'person_activity', label: 'Product usage', entity: 'person', kind: 'events', aggregation: 'count', time: 'occurred_at' },
    { key: 'person_tickets', label: 'Tickets', entity: 'person', kind: 'tickets', aggregation: 'count', time: 'created_at' },
    { key: 'person_last_login', label: 'Since last login', entity: 'person', kind: 'events', aggregation: 'max', field: 'occurred_at', format: 'duration',
      lowerIsBetter: true, filter: [{ field: 'name', op: 'eq', value: 'login' }] },
  ],
  // Account health: each factor maps a metric to 0..100 along a curve; the weights say how much each counts.
  health: {
    factors: [
      { key: 'usage', label: 'Active users (30 days)', metric: 'active_users', window: '30d', weight: 3, curve: [[0, 0], [2, 50], [8, 100]] },
      { key: 'recency', label: 'Days since last login', metric: 'days_since_login', window: 'all', weight: 2,
        curve: [[86_400, 100], [7 * 86_400, 70], [30 * 86_400, 10]] },
      { key: 'adoption', label: 'Seats used', metric: 'seat_utilisation', window: 'all', weight: 2, curve: [[0.1, 10], [0.5, 60], [0.8, 100]] },
      { key: 'billing', label: 'Failed charges (90 days)', metric: 'failed_charges', window: '90d', weight: 2, curve: [[0, 100], [1, 60], [3, 0]] },
      { key: 'support', label: 'Open tickets', metric: 'open_tickets', window: 'all', weight: 1, curve: [[0, 100], [3, 60], [10, 0]] },
    ],
  },
});
