import type { PageIdentity, UrlDetector, UrlExample } from '../types.ts';

/** The regions Intercom hosts workspaces in: US, EU and Australia. */
const INTERCOM_HOSTS = new Set(['app.intercom.com', 'app.eu.intercom.com', 'app.au.intercom.com']);

/** `/a/inbox/APP/inbox/<any view: shared/all, admin/123, search, ...>/conversation/ID` */
const CONVERSATION_PATH = /^\/a\/inbox\/[a-z0-9]+\/inbox\/(?:[^/]+\/)*conversation\/(\d{1,24})(?:\/|$)/;
/** `/a/apps/APP/users/ID/...` and `/a/apps/APP/companies/ID/...`; ids are 24 hex digits (never `segments`). */
const PROFILE_PATH = /^\/a\/apps\/[a-z0-9]+\/(users|companies)\/([0-9a-f]{24})(?:\/|$)/;

export const INTERCOM_LOOKED_FOR: readonly string[] = [
  'conversation id in /a/inbox/APP/inbox/…/conversation/ID',
  'contact id in /a/apps/APP/users/ID',
  'company id in /a/apps/APP/companies/ID',
];

/** Reads the conversation, contact or company an Intercom URL points at; null for any other page. */
export function detectIntercomUrl(url: URL): PageIdentity | null {
  if (!INTERCOM_HOSTS.has(url.hostname)) return null;
  const conversation = CONVERSATION_PATH.exec(url.pathname)?.[1];
  if (conversation) {
    return {
      identifiers: [{ type: 'intercom_conversation_id', value: conversation }],
      label: `Conversation ${conversation}`,
    };
  }
  const [, kind, id] = PROFILE_PATH.exec(url.pathname) ?? [];
  if (!id) return null;
  return kind === 'users'
    ? { identifiers: [{ type: 'intercom_contact_id', value: id }], label: `Contact ${id}` }
    : { identifiers: [{ type: 'intercom_company_id', value: id }], label: `Company ${id}` };
}

export const INTERCOM_URL_EXAMPLES: readonly UrlExample[] = [
  {
    url: 'https://app.intercom.com/a/inbox/abc123de/inbox/shared/all/conversation/215463002145457',
    expected: {
      identifiers: [{ type: 'intercom_conversation_id', value: '215463002145457' }],
      label: 'Conversation 215463002145457',
    },
  },
  {
    url: 'https://app.eu.intercom.com/a/inbox/k8w2x7p1/inbox/admin/5120455/conversation/215463004972259?view=List',
    expected: {
      identifiers: [{ type: 'intercom_conversation_id', value: '215463004972259' }],
      label: 'Conversation 215463004972259',
    },
  },
  {
    url: 'https://app.au.intercom.com/a/inbox/x1y2z3/inbox/search/conversation/4417#part_id=comment-4417-1',
    expected: { identifiers: [{ type: 'intercom_conversation_id', value: '4417' }], label: 'Conversation 4417' },
  },
  {
    url: 'https://app.intercom.com/a/inbox/abc123de/inbox/conversation/98765',
    expected: { identifiers: [{ type: 'intercom_conversation_id', value: '98765' }], label: 'Conversation 98765' },
  },
  {
    url: 'https://app.eu.intercom.com/a/apps/k8w2x7p1/users/67b270b3aa838647b5949340/all-conversations',
    expected: {
      identifiers: [{ type: 'intercom_contact_id', value: '67b270b3aa838647b5949340' }],
      label: 'Contact 67b270b3aa838647b5949340',
    },
  },
  {
    url: 'https://app.intercom.com/a/apps/abc123de/users/67b270b3aa838647b5949340',
    expected: {
      identifiers: [{ type: 'intercom_contact_id', value: '67b270b3aa838647b5949340' }],
      label: 'Contact 67b270b3aa838647b5949340',
    },
  },
  {
    url: 'https://app.au.intercom.com/a/apps/x1y2z3/companies/6583f47ef687e23c7cde8b75/users',
    expected: {
      identifiers: [{ type: 'intercom_company_id', value: '6583f47ef687e23c7cde8b75' }],
      label: 'Company 6583f47ef687e23c7cde8b75',
    },
  },
  { url: 'https://app.intercom.com/a/inbox/abc123de/inbox/shared/all', expected: null },
  { url: 'https://app.intercom.com/a/inbox/abc123de/inbox/shared/all/conversation/', expected: null },
  { url: 'https://app.intercom.com/a/apps/abc123de/users/segments/active', expected: null },
  { url: 'https://app.intercom.com/a/apps/abc123de/companies/segments/all', expected: null },
  { url: 'https://app.intercom.com/a/apps/abc123de/reports/overview', expected: null },
  { url: 'https://app.eu.intercom.com/a/apps/k8w2x7p1/users/67B270B3', expected: null },
  { url: 'https://www.intercom.com/a/apps/abc123de/users/67b270b3aa838647b5949340', expected: null },
  { url: 'https://app.intercom.io.example.net/a/inbox/abc123de/inbox/shared/all/conversation/1', expected: null },
];

export const intercomUrls: UrlDetector = { host: 'intercom', detect: detectIntercomUrl, examples: INTERCOM_URL_EXAMPLES };
