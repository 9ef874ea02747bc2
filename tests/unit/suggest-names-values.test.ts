import { describe, expect, it } from 'vitest';
import { conceptsOf, entityOf, splitWords } from '../../server/suggest/name-concepts.ts';
import { familyOfType, familyOfValues } from '../../server/suggest/profile-table.ts';
import { epochUnit, idSystemOf, isDateText, isDomainLike, isEmail, isJsonObject } from '../../server/suggest/value-patterns.ts';

describe('names as concepts', () => {
  it.each([
    ['CUST_NO', ['account', 'id']],
    ['CUST_NM', ['account', 'name']],
    ['WEB_ADDR', ['domain', 'address']],
    ['UPD_TS', ['updated', 'time']],
    ['DEL_FLG', ['deleted', 'flag']],
    ['uid', ['user', 'id']],
    ['usr_uid', ['user', 'id']],
    ['mail_addr', ['email', 'address']],
    ['evt', ['event']],
    ['ts', ['time']],
    ['payload', ['properties']],
    ['createdAt', ['created', 'time']],
    ['accountid', ['account', 'id']],
    ['last_modified_at', ['last', 'updated', 'time']],
    ['Last seen', ['last', 'seen']],
    ['External company ID', ['external', 'account', 'id']],
    ['crm_account_id', ['sys:crm', 'account', 'id']],
    ['billing_customer_id', ['sys:billing', 'account', 'id']],
    ['zendesk_user_id', ['sys:zendesk', 'user', 'id']],
    ['SF_ID', ['sys:salesforce', 'id']],
    ['display_name', ['noise', 'name']],
    ['account_number', ['account', 'id']],
    ['number_of_employees', ['count', 'noise', 'employees']],
    ['organization_id', ['account', 'id']],
    ['requester_id', ['requester', 'id']],
    ['slug', ['slug']],
  ])('%s -> %j', (name, concepts) => {
    expect(conceptsOf(name)).toEqual(concepts);
  });

  it.each([
    ['tbl_cust_master', 'account'],
    ['usr', 'user'],
    ['act_log', 'event'],
    ['cust_usr_lnk', 'membership'],
    ['workspace_members', 'membership'],
    ['memberships', 'membership'],
    ['user_events', 'event'],
    ['opportunities', 'deal'],
    ['cases', 'ticket'],
    ['companies.csv', 'account'],
    ['conversations', 'conversation'],
    ['settings', null],
  ])('table %s speaks of %s', (table, entity) => {
    expect(entityOf(table)).toBe(entity);
  });

  it('splits camelCase, acronyms and separators', () => {
    expect(splitWords('HTTPStatusCode')).toEqual(['http', 'status', 'code']);
    expect(splitWords('Created at')).toEqual(['created', 'at']);
  });
});

describe('values', () => {
  it.each([
    ['ada@example.com', true],
    [' Alice@Acme.COM ', true],
    ['not an email', false],
    ['ada@localhost', false],
  ])('isEmail(%j) = %s', (value, expected) => expect(isEmail(value)).toBe(expected));

  it.each([
    ['acme.com', true],
    ['https://www.acme.co.uk/', true],
    ['www.pioneer.de', true],
    ['ada@acme.com', false],
    ['Acme Corp', false],
  ])('isDomainLike(%j) = %s', (value, expected) => expect(isDomainLike(value)).toBe(expected));

  it.each([
    ['2026-05-02T23:50:34.494Z', true],
    ['2024-01-01', true],
    ['2024-01-01 10:00:00', true],
    ['yesterday', false],
    ['12345', false],
  ])('isDateText(%j) = %s', (value, expected) => expect(isDateText(value)).toBe(expected));

  it.each([
    [1_717_000_000, 'seconds'],
    ['1717000000000', 'milliseconds'],
    [42, null],
    [1.5e9 + 0.5, null],
  ])('epochUnit(%j) = %s', (value, expected) => expect(epochUnit(value)).toBe(expected));

  it.each([
    ['0015g000TL9WHsEAYW', 'salesforce'],
    ['0035g00000Ali01', 'salesforce'],
    ['cus_DVBzvyXUlFlrIB', 'stripe'],
    ['69f68dca74a6468531763862', 'intercom'],
    ['ws_vqAaig1SeR', 'prefixed'],
    ['ABCDEFGHIJKLMNOPQR', null],
    ['381000003010', null],
    [381000003010, null],
  ])('idSystemOf(%j) = %s', (value, expected) => expect(idSystemOf(value)).toBe(expected));

  it.each([
    [{ a: 1 }, true],
    ['{"a":1}', true],
    ['[1,2]', false],
    [new Date(), false],
    ['{oops', false],
  ])('isJsonObject(%j) = %s', (value, expected) => expect(isJsonObject(value)).toBe(expected));
});

describe('type families', () => {
  it.each([
    ['timestamp with time zone', 'timestamp'],
    ['datetime', 'timestamp'],
    ['date', 'date'],
    ['character varying', 'text'],
    ['varchar(255)', 'text'],
    ['USER-DEFINED', 'text'],
    ['bigint', 'integer'],
    ['int(11)', 'integer'],
    ['tinyint(1)', 'boolean'],
    ['tinyint(4)', 'integer'],
    ['numeric', 'decimal'],
    ['decimal(12,2)', 'decimal'],
    ['jsonb', 'json'],
    ['ARRAY', 'array'],
    ['bytea', 'other'],
  ])('%s is %s', (type, family) => expect(familyOfType(type)).toBe(family));

  it.each([
    [['2024-01-01T00:00:00Z', '2024-02-01'], 'timestamp'],
    [['12', '-3'], 'integer'],
    [['12.50', '3'], 'decimal'],
    [['true', 'FALSE'], 'boolean'],
    [['{"a":1}'], 'json'],
    [['Acme', '2024-01-01'], null],
    [['12', null], null],
  ])('values %j read as %s', (values, family) => expect(familyOfValues(values)).toBe(family));
});
