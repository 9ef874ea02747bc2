import { defineHostAdapter } from '../define-adapter.ts';
import { HOST_MATCHES } from '../matches.ts';
import { ZENDESK_LOOKED_FOR, detectZendeskUrl } from './detect.ts';
import { extractZendesk } from './extract.ts';

/** Zendesk Support's agent workspace: the record from the URL, the requester from the active tab's pane. */
export const ZendeskAdapter = defineHostAdapter({
  id: 'zendesk',
  matches: HOST_MATCHES.zendesk,
  detectUrl: detectZendeskUrl,
  extract: extractZendesk,
  missReason: 'This Zendesk page does not show a ticket, user or organization.',
  lookedFor: ZENDESK_LOOKED_FOR,
});
