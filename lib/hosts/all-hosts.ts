import { IntercomAdapter } from './intercom/index.ts';
import { intercomUrls } from './intercom/detect.ts';
import { SalesforceAdapter } from './salesforce/index.ts';
import { salesforceUrls } from './salesforce/detect.ts';
import type { HostAdapter, UrlDetector } from './types.ts';
import { ZendeskAdapter } from './zendesk/index.ts';
import { zendeskUrls } from './zendesk/detect.ts';

/**
 * Every host, for the tests that keep the conventions (each detector against every other's examples, each
 * adapter with its fixtures). Content scripts import their own host's folder only, never this list.
 */
export const HOST_ADAPTERS: readonly HostAdapter[] = [ZendeskAdapter, IntercomAdapter, SalesforceAdapter];
export const URL_DETECTORS: readonly UrlDetector[] = [zendeskUrls, intercomUrls, salesforceUrls];
