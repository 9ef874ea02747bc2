import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { DetectionResult } from '../../lib/contract/index.ts';
import { ZendeskAdapter } from '../../lib/hosts/zendesk/index.ts';

// The URL examples and the saved pages are tested for every host in hosts-url-detectors and hosts-fixtures.
const window = new Window({ url: 'https://acme.zendesk.com/' });
const emptyDocument = window.document as unknown as Document;
afterAll(() => window.happyDOM.close());

describe('ZendeskAdapter', () => {
  it('turns a record page into a detection the contract accepts, from the URL alone when the DOM has nothing yet', () => {
    const result = ZendeskAdapter.detect(new URL('https://acme.zendesk.com/agent/tickets/42'), emptyDocument);
    expect(DetectionResult.parse(result)).toEqual({
      ok: true,
      host: 'zendesk',
      url: 'https://acme.zendesk.com/agent/tickets/42',
      label: 'Ticket #42',
      identifiers: [{ type: 'zendesk_ticket_id', value: '42' }],
    });
    expect(ZendeskAdapter.read(new URL('https://acme.zendesk.com/agent/tickets/42'), emptyDocument).settled).toBe(false);
  });

  it('turns any other page into a miss that says what it looked for', () => {
    const result = ZendeskAdapter.detect(new URL('https://acme.zendesk.com/agent/dashboard'), emptyDocument);
    const miss = DetectionResult.parse(result);
    expect(miss.ok).toBe(false);
    if (!miss.ok) expect(miss.lookedFor).toEqual(expect.arrayContaining([expect.stringContaining('/agent/tickets/N')]));
  });

  it('runs only on Zendesk', () => {
    expect(ZendeskAdapter.matches).toEqual(['*://*.zendesk.com/*']);
  });
});
