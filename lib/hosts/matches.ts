import type { Host } from '../contract/identifiers.ts';

/**
 * Where each host app lives, as extension match patterns: the manifest's host permissions, the content
 * scripts' `matches` and the background's sender check all read this one table.
 */
export const HOST_MATCHES = {
  zendesk: ['*://*.zendesk.com/*'],
  intercom: ['*://app.intercom.com/*', '*://app.eu.intercom.com/*', '*://app.au.intercom.com/*'],
  salesforce: ['*://*.lightning.force.com/*', '*://*.my.salesforce.com/*'],
} as const satisfies Record<Host, readonly string[]>;

export const ALL_HOST_MATCHES: string[] = Object.values(HOST_MATCHES).flat();
