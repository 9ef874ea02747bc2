import type { IdentifierType } from '../../contract/identifiers.ts';
import type { PageIdentity, UrlDetector, UrlExample } from '../types.ts';

/** The agent workspace's record routes, e.g. `/agent/tickets/42` or `/agent/users/7/requested_tickets`. */
const ROUTES: readonly { segment: string; type: IdentifierType; noun: string }[] = [
  { segment: 'tickets', type: 'zendesk_ticket_id', noun: 'Ticket' },
  { segment: 'users', type: 'zendesk_user_id', noun: 'User' },
  { segment: 'organizations', type: 'zendesk_org_id', noun: 'Organization' },
];

const RECORD_PATH = /^\/agent\/(tickets|users|organizations)\/([1-9]\d{0,18})(?:\/|$)/;

export const ZENDESK_LOOKED_FOR: readonly string[] = ROUTES.map(
  ({ segment, noun }) => `${noun.toLowerCase()} id in /agent/${segment}/N`,
);

/** Reads the record a Zendesk agent URL points at; null for any other page. */
export function detectZendeskUrl(url: URL): PageIdentity | null {
  if (!url.hostname.endsWith('.zendesk.com')) return null;
  const [, segment, id] = RECORD_PATH.exec(url.pathname) ?? [];
  const route = ROUTES.find((r) => r.segment === segment);
  if (!route || !id) return null;
  return {
    identifiers: [{ type: route.type, value: id }],
    label: route.type === 'zendesk_ticket_id' ? `Ticket #${id}` : `${route.noun} ${id}`,
  };
}

export const ZENDESK_URL_EXAMPLES: readonly UrlExample[] = [
  {
    url: 'https://acme.zendesk.com/agent/tickets/42',
    expected: { identifiers: [{ type: 'zendesk_ticket_id', value: '42' }], label: 'Ticket #42' },
  },
  {
    url: 'https://acme.zendesk.com/agent/tickets/1203/events?foo=1#comment',
    expected: { identifiers: [{ type: 'zendesk_ticket_id', value: '1203' }], label: 'Ticket #1203' },
  },
  {
    url: 'https://support-eu.zendesk.com/agent/users/381920/requested_tickets',
    expected: { identifiers: [{ type: 'zendesk_user_id', value: '381920' }], label: 'User 381920' },
  },
  {
    url: 'https://acme.zendesk.com/agent/users/381000000646',
    expected: { identifiers: [{ type: 'zendesk_user_id', value: '381000000646' }], label: 'User 381000000646' },
  },
  {
    url: 'https://acme.zendesk.com/agent/users/381000000646/organizations',
    expected: { identifiers: [{ type: 'zendesk_user_id', value: '381000000646' }], label: 'User 381000000646' },
  },
  {
    url: 'https://acme.zendesk.com/agent/organizations/7/tickets',
    expected: { identifiers: [{ type: 'zendesk_org_id', value: '7' }], label: 'Organization 7' },
  },
  {
    url: 'https://acme.zendesk.com/agent/organizations/360012002906',
    expected: { identifiers: [{ type: 'zendesk_org_id', value: '360012002906' }], label: 'Organization 360012002906' },
  },
  { url: 'https://acme.zendesk.com/agent/dashboard', expected: null },
  { url: 'https://acme.zendesk.com/agent/tickets/new/1', expected: null },
  { url: 'https://acme.zendesk.com/agent/filters/360001', expected: null },
  { url: 'https://acme.zendesk.com/agent/users/', expected: null },
  { url: 'https://acme.zendesk.com/agent/users/new', expected: null },
  { url: 'https://acme.zendesk.com/agent/organizations/42abc', expected: null },
  { url: 'https://acme.zendesk.com/agent/tickets/0', expected: null },
  { url: 'https://acme.zendesk.com/hc/en-us/requests/42', expected: null },
  { url: 'https://zendesk.com/agent/tickets/42', expected: null },
  { url: 'https://acme.zendesk.com.example.net/agent/tickets/42', expected: null },
];

export const zendeskUrls: UrlDetector = { host: 'zendesk', detect: detectZendeskUrl, examples: ZENDESK_URL_EXAMPLES };
