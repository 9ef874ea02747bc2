/**
 * The tables of the demo company's source systems. Four are PostgreSQL schemas in one database
 * (crm, billing, product, zendesk); Intercom is a folder of CSV exports with the headers its export uses.
 */
export type ColumnType = 'text' | 'bigint' | 'integer' | 'numeric(12,2)' | 'timestamptz' | 'date' | 'jsonb' | 'text[]' | 'boolean';
type Column = readonly [name: string, type: ColumnType, constraint?: 'primary key' | 'not null'];

export const DATABASE_SCHEMAS = ['crm', 'billing', 'product', 'zendesk'] as const;

export const DATABASE_TABLES = {
  'crm.accounts': [
    ['id', 'text', 'primary key'], ['name', 'text'], ['website', 'text'], ['parent_id', 'text'], ['owner_name', 'text'],
    ['segment', 'text'], ['industry', 'text'], ['type', 'text'], ['billing_country', 'text'], ['number_of_employees', 'integer'],
    ['created_at', 'timestamptz'], ['last_modified_at', 'timestamptz'],
  ],
  'crm.contacts': [
    ['id', 'text', 'primary key'], ['account_id', 'text'], ['first_name', 'text'], ['last_name', 'text'], ['email', 'text'],
    ['phone', 'text'], ['title', 'text'], ['zendesk_user_id', 'bigint'], ['created_at', 'timestamptz'], ['last_modified_at', 'timestamptz'],
  ],
  'crm.leads': [
    ['id', 'text', 'primary key'], ['first_name', 'text'], ['last_name', 'text'], ['email', 'text'], ['phone', 'text'], ['title', 'text'],
    ['company', 'text'], ['status', 'text'], ['created_at', 'timestamptz'], ['last_modified_at', 'timestamptz'],
  ],
  'crm.opportunities': [
    ['id', 'text', 'primary key'], ['account_id', 'text'], ['primary_contact_id', 'text'], ['name', 'text'], ['stage', 'text'],
    ['amount', 'numeric(12,2)'], ['close_date', 'date'], ['owner_name', 'text'], ['created_at', 'timestamptz'],
  ],
  'crm.cases': [
    ['id', 'text', 'primary key'], ['account_id', 'text'], ['contact_id', 'text'], ['subject', 'text'], ['status', 'text'],
    ['priority', 'text'], ['origin', 'text'], ['created_at', 'timestamptz'], ['closed_at', 'timestamptz'],
  ],
  'billing.customers': [
    ['id', 'text', 'primary key'], ['name', 'text'], ['email', 'text'], ['crm_account_id', 'text'], ['currency', 'text'],
    ['delinquent', 'boolean'], ['created_at', 'timestamptz'],
  ],
  'billing.subscriptions': [
    ['id', 'text', 'primary key'], ['customer_id', 'text'], ['plan', 'text'], ['status', 'text'], ['mrr', 'numeric(12,2)'],
    ['currency', 'text'], ['seats', 'integer'], ['started_at', 'timestamptz'], ['ended_at', 'timestamptz'],
  ],
  'billing.charges': [
    ['id', 'text', 'primary key'], ['customer_id', 'text'], ['subscription_id', 'text'], ['amount', 'numeric(12,2)'], ['currency', 'text'],
    ['status', 'text'], ['failure_reason', 'text'], ['created_at', 'timestamptz'],
  ],
  'product.workspaces': [
    ['id', 'text', 'primary key'], ['name', 'text'], ['slug', 'text'], ['billing_customer_id', 'text'], ['verified_domain', 'text'],
    ['plan_tier', 'text'], ['created_at', 'timestamptz'],
  ],
  'product.users': [
    ['id', 'text', 'primary key'], ['email', 'text'], ['display_name', 'text'], ['created_at', 'timestamptz'], ['last_seen_at', 'timestamptz'],
  ],
  'product.memberships': [['user_id', 'text'], ['workspace_id', 'text'], ['role', 'text'], ['created_at', 'timestamptz']],
  'product.events': [
    ['id', 'bigint', 'primary key'], ['user_id', 'text'], ['workspace_id', 'text'], ['name', 'text'], ['occurred_at', 'timestamptz'],
    ['properties', 'jsonb'],
  ],
  'zendesk.organizations': [
    ['id', 'bigint', 'primary key'], ['name', 'text'], ['external_id', 'text'], ['domain_names', 'text[]'], ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
  'zendesk.users': [
    ['id', 'bigint', 'primary key'], ['name', 'text'], ['email', 'text'], ['phone', 'text'], ['role', 'text'], ['organization_id', 'bigint'],
    ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ],
  'zendesk.tickets': [
    ['id', 'bigint', 'primary key'], ['requester_id', 'bigint'], ['assignee_id', 'bigint'], ['organization_id', 'bigint'], ['subject', 'text'],
    ['status', 'text'], ['priority', 'text'], ['via', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ],
} as const satisfies Record<string, readonly Column[]>;

/** Intercom's CSV exports (`<name>.csv`): headers in order. */
export const INTERCOM_FILES = {
  companies: ['Id', 'Name', 'Website', 'External company ID', 'Plan', 'Monthly spend', 'User count', 'Created at', 'Last updated'],
  contacts: ['Id', 'External ID', 'Role', 'Name', 'Email', 'Phone', 'Company ID', 'Created at', 'Last seen', 'Last updated'],
  conversations: ['Conversation ID', 'Contact ID', 'Contact email', 'Company ID', 'Title', 'State', 'Priority', 'Created at', 'Updated at'],
} as const;

export type DatabaseTable = keyof typeof DATABASE_TABLES;
export type IntercomFile = keyof typeof INTERCOM_FILES;
export type IntercomTable = `intercom.${IntercomFile}`;
export type TableName = DatabaseTable | IntercomTable;

export const INTERCOM_TABLES = (Object.keys(INTERCOM_FILES) as IntercomFile[]).map((file) => `intercom.${file}` as const);
export const ALL_TABLES = [...(Object.keys(DATABASE_TABLES) as DatabaseTable[]), ...INTERCOM_TABLES] as TableName[];

export function columnsOf(table: TableName): readonly string[] {
  if (table.startsWith('intercom.')) return INTERCOM_FILES[table.slice('intercom.'.length) as IntercomFile];
  return DATABASE_TABLES[table as DatabaseTable].map(([name]) => name);
}

/** The table without its primary key: loading first and building the key after is the faster bulk load. */
export function createTableSql(table: DatabaseTable): string {
  const columns = DATABASE_TABLES[table] as readonly Column[];
  return `create table ${table} (${columns.map(([name, type, constraint]) => `${name} ${type}${constraint === 'not null' ? ' not null' : ''}`).join(', ')})`;
}

/** The primary key to add once the table's rows are in, or null. */
export function primaryKeySql(table: DatabaseTable): string | null {
  const key = (DATABASE_TABLES[table] as readonly Column[]).find(([, , constraint]) => constraint === 'primary key');
  return key ? `alter table ${table} add primary key (${key[0]})` : null;
}

/** Indexes for the joins the demo's data models make. */
export const DATABASE_INDEXES: readonly string[] = [
  'create index on crm.contacts (account_id)',
  'create index on billing.subscriptions (customer_id)',
  'create index on billing.charges (customer_id)',
  'create index on product.memberships (workspace_id)',
  'create index on product.memberships (user_id)',
  'create index on product.events (occurred_at)',
  'create index on zendesk.tickets (requester_id)',
];
