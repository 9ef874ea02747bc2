import type { SalesforceObject } from '../../contract/normalise.ts';

/** A record field: by its API name (any language), then by its English label. */
const field = (object: SalesforceObject, apiName: string, ...labels: string[]) => [
  `[data-target-selection-name="sfdc:RecordField.${object}.${apiName}"]`,
  ...labels.map((label) => `records-record-layout-item[field-label="${label}"]`),
];

/**
 * Where Lightning shows a record, as data (tested against tests/fixtures/hosts/salesforce/). Lightning keeps
 * earlier pages in the DOM, hidden, for a fast back button (`.oneContent` without `.active`; in a console
 * app, inactive `.tabContent` tabs and sub-tabs), and its fields sit in the shadow roots of Lightning web
 * components, which `deepQuery` enters.
 */
export const SALESFORCE_SELECTORS = {
  /** The record page of one record: this attribute holds its id (15 or 18 characters). */
  recordId: 'data-record-id',
  hiddenContainers: ['.oneContent:not(.active)', '.tabContent:not(.active)'],
  name: ['records-lwc-highlights-panel [slot="primaryField"]', '[slot="primaryField"]'],
  /** A field's value, without its label. */
  fieldValue: ['.test-id__field-value', 'lightning-formatted-text', '[slot="outputField"]'],
  fields: {
    Account: { email: [], account: [], company: [] },
    Contact: { email: field('Contact', 'Email', 'Email'), account: [], company: [] },
    Lead: { email: field('Lead', 'Email', 'Email'), account: [], company: field('Lead', 'Company', 'Company') },
    Case: {
      email: field('Case', 'ContactEmail', 'Contact Email'),
      account: field('Case', 'AccountId', 'Account Name', 'Account'),
      company: [],
    },
    Opportunity: { email: [], account: field('Opportunity', 'AccountId', 'Account Name', 'Account'), company: [] },
  } satisfies Record<SalesforceObject, { email: string[]; account: string[]; company: string[] }>,
} as const;

/** An account's id in a lookup link: `/lightning/r/Account/001…/view` or `/lightning/r/001…/view`. */
export const ACCOUNT_LINK = /\/lightning\/r\/(?:Account\/)?(001[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)\//;
