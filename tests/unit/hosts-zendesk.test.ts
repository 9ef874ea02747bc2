import { describe, expect, it } from 'vitest';
import { DetectionResult, normaliseIdentifier } from '../../lib/contract/index.ts';
import { ZENDESK_URL_EXAMPLES, detectZendeskUrl } from '../../lib/hosts/zendesk/detect.ts';
import { ZendeskAdapter } from '../../lib/hosts/zendesk/index.ts';

// The adapter reads only the URL for now; a DOM arrives with the saved-page fixtures.
const noDocument = undefined as unknown as Document;

const accepted = ZENDESK_URL_EXAMPLES.filter((e) => e.expected !== null);
const rejected = ZENDESK_URL_EXAMPLES.filter((e) => e.expected === null).map((e) => e.url);

/** Record pages of the other hosts: the Zendesk detector must never claim them. */
const OTHER_HOSTS = [
  'https://app.intercom.com/a/inbox/abc123/inbox/shared/all/conversation/215468',
  'https://app.eu.intercom.com/a/apps/abc123/users/64f1c0',
  'https://acme.lightning.force.com/lightning/r/Account/001Dn00000A1b2CIAR/view',
  'https://acme.my.salesforce.com/lightning/r/Case/500Dn00000Xy9ZaIAJ/view',
  'https://example.com/agent/tickets/42',
];

describe('detectZendeskUrl', () => {
  it.each(accepted)('finds the record in $url', ({ url, expected }) => {
    expect(detectZendeskUrl(new URL(url))).toEqual(expected);
  });

  it.each([...rejected, ...OTHER_HOSTS])('finds nothing in %s', (url) => {
    expect(detectZendeskUrl(new URL(url))).toBeNull();
  });

  it.each(accepted)('reports identifiers already in canonical form ($url)', ({ expected }) => {
    for (const identifier of expected!.identifiers) expect(normaliseIdentifier(identifier)).toEqual(identifier);
  });
});

describe('ZendeskAdapter', () => {
  it('turns a record page into a detection the contract accepts', () => {
    const result = ZendeskAdapter.detect(new URL('https://acme.zendesk.com/agent/tickets/42'), noDocument);
    expect(DetectionResult.parse(result)).toEqual({
      ok: true,
      host: 'zendesk',
      url: 'https://acme.zendesk.com/agent/tickets/42',
      label: 'Ticket #42',
      identifiers: [{ type: 'zendesk_ticket_id', value: '42' }],
    });
  });

  it('turns any other page into a miss that says what it looked for', () => {
    const result = ZendeskAdapter.detect(new URL('https://acme.zendesk.com/agent/dashboard'), noDocument);
    const miss = DetectionResult.parse(result);
    expect(miss.ok).toBe(false);
    if (!miss.ok) expect(miss.lookedFor).toEqual(expect.arrayContaining([expect.stringContaining('/agent/tickets/N')]));
  });

  it('runs only on Zendesk', () => {
    expect(ZendeskAdapter.matches).toEqual(['*://*.zendesk.com/*']);
  });
});
