import { defineHostAdapter } from '../define-adapter.ts';
import { HOST_MATCHES } from '../matches.ts';
import { SALESFORCE_LOOKED_FOR, detectSalesforceUrl } from './detect.ts';
import { extractSalesforce } from './extract.ts';

/** Salesforce Lightning (and its console apps and sandboxes): the record from the URL, its fields from the shown page. */
export const SalesforceAdapter = defineHostAdapter({
  id: 'salesforce',
  matches: HOST_MATCHES.salesforce,
  detectUrl: detectSalesforceUrl,
  extract: extractSalesforce,
  missReason: 'This Salesforce page does not show an Account, Contact, Lead, Case or Opportunity.',
  lookedFor: SALESFORCE_LOOKED_FOR,
});
