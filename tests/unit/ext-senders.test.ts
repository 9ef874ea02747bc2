import { describe, expect, it } from 'vitest';
import { hostOfUrl } from '../../lib/ext/senders.ts';

describe('hostOfUrl', () => {
  it.each([
    ['https://acme.zendesk.com/agent/tickets/42', 'zendesk'],
    ['https://acme.zendesk.com:8443/agent/tickets/42', 'zendesk'],
    ['https://app.intercom.com/a/inbox/x', 'intercom'],
    ['https://app.eu.intercom.com/a/apps/x/users/1', 'intercom'],
    ['https://app.au.intercom.com/a/apps/x/users/1', 'intercom'],
    ['https://acme.lightning.force.com/lightning/r/Account/001/view', 'salesforce'],
    ['https://acme--dev.sandbox.my.salesforce.com/lightning', 'salesforce'],
  ])('knows %s as %s', (url, host) => {
    expect(hostOfUrl(new URL(url))).toBe(host);
  });

  it.each([
    'https://zendesk.com.evil.example/agent/tickets/42',
    'https://evilzendesk.com/agent/tickets/42',
    'https://www.intercom.com/',
    'https://app.intercom.com.example.net/',
    'https://login.salesforce.com/',
    'chrome-extension://abc/sidebar.html',
  ])('refuses %s', (url) => {
    expect(hostOfUrl(new URL(url))).toBeNull();
  });
});
