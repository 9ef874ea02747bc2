import { HOST_MATCHES } from '../matches.ts';
import type { HostAdapter } from '../types.ts';
import { ZENDESK_LOOKED_FOR, detectZendeskUrl } from './detect.ts';

/** Zendesk Support's agent workspace. The URL names the record; the DOM is read in a later step. */
export const ZendeskAdapter: HostAdapter = {
  id: 'zendesk',
  matches: HOST_MATCHES.zendesk,
  detect(url) {
    const found = detectZendeskUrl(url);
    if (found) return { ok: true, host: 'zendesk', url: url.href, ...found };
    return {
      ok: false,
      host: 'zendesk',
      url: url.href,
      reason: 'This Zendesk page does not show a ticket, user or organization.',
      lookedFor: [...ZENDESK_LOOKED_FOR],
    };
  },
};
