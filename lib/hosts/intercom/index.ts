import { defineHostAdapter } from '../define-adapter.ts';
import { HOST_MATCHES } from '../matches.ts';
import { INTERCOM_LOOKED_FOR, detectIntercomUrl } from './detect.ts';
import { extractIntercom } from './extract.ts';

/** Intercom's inbox and contact pages (US, EU and AU regions): the record from the URL, the contact from the details. */
export const IntercomAdapter = defineHostAdapter({
  id: 'intercom',
  matches: HOST_MATCHES.intercom,
  detectUrl: detectIntercomUrl,
  extract: extractIntercom,
  missReason: 'This Intercom page does not show a conversation, contact or company.',
  lookedFor: INTERCOM_LOOKED_FOR,
});
