import { MODEL_KINDS, requiredColumns, SUBSCRIPTION_STATUSES, type ModelKind } from '../../lib/contract/index.ts';
import type { Family } from './types.ts';

/**
 * How each kind's columns are recognised. A pattern lists concepts the column's name must carry; `@key` is
 * the table's own key and `@ref:<entity>` a reference to another entity's row. The required columns come
 * from the contract itself, so a rule can never ask less than the contract does.
 */
export interface FieldRule {
  field: string;
  names: readonly (readonly [pattern: string, score: number])[];
  families?: readonly Family[];
  /** Concepts that rule a column out (a `first_name` is not the name). */
  not?: readonly string[];
  /** What the values should look like: adds to the score when they do, and can find a column by values alone. */
  values?: 'email' | 'domain' | 'json' | 'unique' | 'few' | readonly string[];
}

export interface KindRules {
  kind: ModelKind;
  /** The entity a table for this kind is named after. */
  entity: string;
  fields: readonly FieldRule[];
  required: readonly string[];
  /** At least one of these must be filled (the contract's cross-field rules). */
  anyOf?: readonly string[];
}

const ID: Family[] = ['text', 'integer'];
const TIME: Family[] = ['timestamp', 'date'];
const NUMBER: Family[] = ['integer', 'decimal'];
const TEXT: Family[] = ['text'];
const NOT_A_NAME = ['first', 'last', 'owner', 'login', 'sys:salesforce', 'sys:stripe', 'sys:zendesk', 'sys:intercom', 'sys:crm', 'sys:billing', 'domain', 'email', 'event', 'plan', 'agent', 'file'];

const key: FieldRule = { field: 'id', names: [['@key', 1]], families: ID, values: 'unique' };
const ref = (field: string, entity: string, score = 1): FieldRule => ({ field, names: [[`@ref:${entity}`, score]], families: ID });
const time = (field: string, ...names: [string, number][]): FieldRule => ({ field, names, families: TIME });
const text = (field: string, ...names: [string, number][]): FieldRule => ({ field, names, families: TEXT });

const supportItem: FieldRule[] = [
  key,
  { field: 'requester_id', names: [['requester id', 1], ['@ref:user', 0.9]], families: ID },
  { field: 'requester_email', names: [['requester email', 1], ['email', 0.8]], families: TEXT, values: 'email' },
  ref('account_id', 'account'),
  { field: 'subject', names: [['subject', 1], ['title', 0.9], ['name', 0.5]], families: TEXT, not: NOT_A_NAME },
  { field: 'status', names: [['status', 1]], families: TEXT, values: 'few' },
  { field: 'priority', names: [['priority', 1]], families: TEXT },
  time('created_at', ['created', 1], ['opened', 0.9], ['time', 0.5]),
  time('updated_at', ['updated', 1]),
];

const FIELDS: Record<ModelKind, { entity: string; fields: FieldRule[]; anyOf?: string[] }> = {
  accounts: {
    entity: 'account',
    fields: [
      key,
      { field: 'name', names: [['name', 1], ['title', 0.5]], families: TEXT, not: NOT_A_NAME },
      { field: 'domain', names: [['domain', 1]], families: [...TEXT, 'array'], values: 'domain' },
      { field: 'parent_id', names: [['parent id', 1], ['parent', 0.8], ['@ref:account', 0.6]], families: ID },
      text('plan', ['plan', 1]),
      text('owner', ['owner', 1]),
      text('segment', ['segment', 1]),
      text('industry', ['industry', 1]),
      time('created_at', ['created', 1]),
      time('updated_at', ['updated', 1]),
    ],
  },
  users: {
    entity: 'user',
    anyOf: ['email', 'name'],
    fields: [
      key,
      { field: 'email', names: [['email', 1]], families: TEXT, values: 'email' },
      { field: 'name', names: [['name', 1]], families: TEXT, not: NOT_A_NAME },
      text('phone', ['phone', 1]),
      { field: 'title', names: [['title', 1]], families: TEXT, not: ['first', 'last'] },
      ref('account_id', 'account'),
      time('created_at', ['created', 1]),
      time('last_seen_at', ['seen', 1]),
      time('updated_at', ['updated', 1]),
    ],
  },
  memberships: {
    entity: 'membership',
    fields: [ref('user_id', 'user'), ref('account_id', 'account'), text('role', ['role', 1], ['type', 0.6]), time('created_at', ['created', 1], ['time', 0.5])],
  },
  events: {
    entity: 'event',
    anyOf: ['user_id', 'account_id'],
    fields: [
      { field: 'id', names: [['@key', 1]], families: ID },
      ref('user_id', 'user'),
      ref('account_id', 'account'),
      { field: 'name', names: [['event name', 1], ['event type', 1], ['event', 0.9], ['name', 0.9], ['type', 0.8]], families: TEXT, values: 'few', not: ['first', 'last', 'user', 'account'] },
      time('occurred_at', ['occurred', 1], ['event time', 1], ['time', 0.85], ['created', 0.8]),
      { field: 'properties', names: [['properties', 1]], families: ['json', 'text'], values: 'json' },
    ],
  },
  subscriptions: {
    entity: 'subscription',
    fields: [
      key,
      ref('account_id', 'account'),
      text('plan', ['plan', 1], ['name', 0.5], ['type', 0.4]),
      { field: 'status', names: [['status', 1]], families: TEXT, values: SUBSCRIPTION_STATUSES },
      { field: 'mrr', names: [['mrr', 1], ['monthly amount', 0.9], ['amount', 0.7]], families: NUMBER },
      text('currency', ['currency', 1]),
      { field: 'seats', names: [['seat', 1], ['count', 0.5]], families: ['integer'] },
      time('started_at', ['started', 1], ['created', 0.7]),
      time('ended_at', ['ended', 1]),
    ],
  },
  charges: {
    entity: 'charge',
    fields: [
      key,
      ref('account_id', 'account'),
      { field: 'amount', names: [['amount', 1]], families: NUMBER },
      text('currency', ['currency', 1]),
      { field: 'status', names: [['status', 1]], families: TEXT, values: ['succeeded', 'failed', 'refunded', 'pending'] },
      text('failure_reason', ['failure reason', 1], ['failure', 0.8], ['reason', 0.7]),
      time('created_at', ['created', 1], ['time', 0.6]),
    ],
  },
  deals: {
    entity: 'deal',
    fields: [
      key,
      ref('account_id', 'account'),
      ref('contact_id', 'user'),
      { field: 'name', names: [['name', 1], ['title', 0.7]], families: TEXT, not: NOT_A_NAME },
      text('stage', ['stage', 1], ['status', 0.7]),
      { field: 'amount', names: [['amount', 1]], families: NUMBER },
      time('close_date', ['close', 1]),
      text('owner', ['owner', 1]),
      time('created_at', ['created', 1]),
    ],
  },
  tickets: { entity: 'ticket', fields: supportItem },
  conversations: { entity: 'conversation', fields: supportItem },
};

const rulesOf = (kind: ModelKind): KindRules => ({ kind, ...FIELDS[kind], required: requiredColumns(kind) });

export const KIND_RULES = Object.fromEntries(MODEL_KINDS.map((kind) => [kind, rulesOf(kind)])) as Record<ModelKind, KindRules>;
