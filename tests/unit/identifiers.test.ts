import { describe, expect, it } from 'vitest';
import { normaliseDomain, normaliseEmail, normaliseIdentifier, normaliseSalesforceId, salesforceObjectOf } from '../../lib/contract/index.ts';

describe('normaliseSalesforceId', () => {
  // Known pairs from Salesforce's documentation and orgs: the 3-character suffix encodes the case.
  it.each([
    ['001A0000006Vm9r', '001A0000006Vm9rIAC'],
    ['003x0000004OeOc', '003x0000004OeOcAAK'],
    ['0015g00000AbCdE', '0015g00000AbCdEAAV'],
  ])('turns %s into %s', (id15, id18) => {
    expect(normaliseSalesforceId(id15)).toBe(id18);
    expect(normaliseSalesforceId(id18)).toBe(id18);
    expect(normaliseSalesforceId(id18.toLowerCase())).toBe(id18);
    expect(normaliseSalesforceId(id18.toUpperCase())).toBe(id18);
  });

  it.each(['', '001', '001A0000006Vm9r!', '001A0000006Vm9rIACX', '001A0000006Vm9rI'])('refuses %j', (id) => {
    expect(normaliseSalesforceId(id)).toBeNull();
  });

  it.each([
    ['001A0000006Vm9rIAC', 'Account'],
    ['003x0000004OeOcAAK', 'Contact'],
    ['00Q5g00000AbCdEAAN', 'Lead'],
    ['5005g00000AbCdEAAN', 'Case'],
    ['0065g00000AbCdEAAN', 'Opportunity'],
    ['a015g00000AbCdEAAN', null],
  ])('knows %s is a %s', (id, object) => {
    expect(salesforceObjectOf(id)).toBe(object);
  });
});

describe('emails and domains', () => {
  it.each([
    ['  Alice@Example.COM ', 'alice@example.com'],
    ['bob@x.io', 'bob@x.io'],
    ['not an email', null],
    ['a@b', null],
    ['', null],
  ])('email %j -> %j', (input, expected) => expect(normaliseEmail(input)).toBe(expected));

  it.each([
    ['https://www.Acme.com/pricing?x=1', 'acme.com'],
    ['acme.co.uk.', 'acme.co.uk'],
    ['localhost', null],
    ['', null],
  ])('domain %j -> %j', (input, expected) => expect(normaliseDomain(input)).toBe(expected));

  it('keeps Zendesk ids numeric and refuses anything else', () => {
    expect(normaliseIdentifier({ type: 'zendesk_ticket_id', value: '00042' })).toEqual({ type: 'zendesk_ticket_id', value: '42' });
    expect(normaliseIdentifier({ type: 'zendesk_ticket_id', value: '42; drop table' })).toBeNull();
  });
});
