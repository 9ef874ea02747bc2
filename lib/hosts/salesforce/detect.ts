import { normaliseSalesforceId, salesforceObjectOf } from '../../contract/normalise.ts';
import type { PageIdentity, UrlDetector, UrlExample } from '../types.ts';

/** Lightning lives on `*.lightning.force.com` and `*.my.salesforce.com`; sandboxes add `.sandbox` before either. */
const SALESFORCE_HOST = /\.(?:lightning\.force\.com|my\.salesforce\.com)$/;

/** `/lightning/r/{Object}/{Id}/view`, its sub-pages (`/related/Contacts/view`, `/edit`), and `/lightning/r/{Id}/view`. */
const RECORD_PATH = /^\/lightning\/r\/(?:[A-Za-z][A-Za-z0-9_]*\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/[a-z]/;

export const SALESFORCE_LOOKED_FOR: readonly string[] = [
  'record id in /lightning/r/{Object}/{Id}/view',
  'objects: Account (001), Contact (003), Lead (00Q), Case (500), Opportunity (006)',
  'console workspace tab in ?ws=/lightning/r/…',
];

/** A supported record's identity from a Lightning path; the object comes from the id's key prefix. */
function recordOf(path: string): PageIdentity | null {
  const raw = RECORD_PATH.exec(path)?.[1];
  const id = raw ? normaliseSalesforceId(raw) : null;
  const object = id ? salesforceObjectOf(id) : null;
  if (!id || !object) return null;
  return { identifiers: [{ type: 'salesforce_id', value: id }], label: `${object} ${id}` };
}

/**
 * Reads the record a Lightning URL shows. In a console app the path is the focused sub-tab's record and
 * `?ws=` its workspace tab's; a sub-tab that is not a record (a list, a report) falls back to the workspace.
 */
export function detectSalesforceUrl(url: URL): PageIdentity | null {
  if (!SALESFORCE_HOST.test(url.hostname)) return null;
  const record = recordOf(url.pathname);
  if (record) return record;
  const workspace = url.searchParams.get('ws');
  const inWorkspace = workspace?.startsWith('/lightning/r/') ? recordOf(workspace) : null;
  return inWorkspace && { ...inWorkspace, label: `${inWorkspace.label} (workspace tab)` };
}

export const SALESFORCE_URL_EXAMPLES: readonly UrlExample[] = [
  {
    url: 'https://acme.lightning.force.com/lightning/r/Account/0015g000ZplplvWAIQ/view',
    expected: { identifiers: [{ type: 'salesforce_id', value: '0015g000ZplplvWAIQ' }], label: 'Account 0015g000ZplplvWAIQ' },
  },
  {
    // 15 characters, case-sensitive: normalised to the 18-character form the backend stores.
    url: 'https://acme.lightning.force.com/lightning/r/Account/0015g000ZplplvW/view',
    expected: { identifiers: [{ type: 'salesforce_id', value: '0015g000ZplplvWAIQ' }], label: 'Account 0015g000ZplplvWAIQ' },
  },
  {
    // 18 characters in the wrong case: the checksum restores the case of the first 15.
    url: 'https://acme.lightning.force.com/lightning/r/Contact/0035G000IPJBVGFAYN/view',
    expected: { identifiers: [{ type: 'salesforce_id', value: '0035g000IPJbVGfAYN' }], label: 'Contact 0035g000IPJbVGfAYN' },
  },
  {
    url: 'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000Kx3PzEAJ/view',
    expected: { identifiers: [{ type: 'salesforce_id', value: '00Q5g00000Kx3PzEAJ' }], label: 'Lead 00Q5g00000Kx3PzEAJ' },
  },
  {
    url: 'https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/5005g000YlNK2CqAIL/view',
    expected: { identifiers: [{ type: 'salesforce_id', value: '5005g000YlNK2CqAIL' }], label: 'Case 5005g000YlNK2CqAIL' },
  },
  {
    url: 'https://acme--uat.sandbox.my.salesforce.com/lightning/r/Opportunity/0065g000sLPlK9ZAQV/related/OpportunityLineItems/view',
    expected: { identifiers: [{ type: 'salesforce_id', value: '0065g000sLPlK9ZAQV' }], label: 'Opportunity 0065g000sLPlK9ZAQV' },
  },
  {
    // No object in the path: the key prefix 006 says Opportunity.
    url: 'https://acme.lightning.force.com/lightning/r/0065g000sLPlK9ZAQV/view',
    expected: { identifiers: [{ type: 'salesforce_id', value: '0065g000sLPlK9ZAQV' }], label: 'Opportunity 0065g000sLPlK9ZAQV' },
  },
  {
    // A console sub-tab: the path is the focused Contact, `ws` the Account workspace it opened from.
    url: 'https://acme.lightning.force.com/lightning/r/Contact/0035g000OtvuzJxAII/view?ws=%2Flightning%2Fr%2FAccount%2F0015g000ZplplvWAIQ%2Fview',
    expected: { identifiers: [{ type: 'salesforce_id', value: '0035g000OtvuzJxAII' }], label: 'Contact 0035g000OtvuzJxAII' },
  },
  {
    url: 'https://acme.lightning.force.com/lightning/o/Task/home?ws=%2Flightning%2Fr%2FCase%2F5005g000YlNK2CqAIL%2Fview',
    expected: {
      identifiers: [{ type: 'salesforce_id', value: '5005g000YlNK2CqAIL' }],
      label: 'Case 5005g000YlNK2CqAIL (workspace tab)',
    },
  },
  { url: 'https://acme.lightning.force.com/lightning/page/home', expected: null },
  { url: 'https://acme.lightning.force.com/lightning/o/Account/list?filterName=Recent', expected: null },
  { url: 'https://acme.lightning.force.com/lightning/r/Report/00O5g000004Wd1fEAC/view', expected: null },
  { url: 'https://acme.lightning.force.com/lightning/r/Account/0015g000Zplpl/view', expected: null },
  { url: 'https://acme.lightning.force.com/lightning/r/Account/0015g000ZplplvW!AQ/view', expected: null },
  { url: 'https://acme.lightning.force.com/lightning/page/home?ws=%2Flightning%2Fo%2FCase%2Flist', expected: null },
  { url: 'https://acme.my.site.com/lightning/r/Account/0015g000ZplplvWAIQ/view', expected: null },
  { url: 'https://lightning.force.com/lightning/r/Account/0015g000ZplplvWAIQ/view', expected: null },
  { url: 'https://acme.lightning.force.com.example.net/lightning/r/Account/0015g000ZplplvWAIQ/view', expected: null },
];

export const salesforceUrls: UrlDetector = { host: 'salesforce', detect: detectSalesforceUrl, examples: SALESFORCE_URL_EXAMPLES };
