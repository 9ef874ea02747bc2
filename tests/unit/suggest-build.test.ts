import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config/load.ts';
import { ModelConfig } from '../../server/config/schema.ts';
import { modelName, propertyName, sqlName } from '../../server/suggest/build-model.ts';
import { chooseSchemas } from '../../server/suggest/choose-schemas.ts';
import { formatSnippet } from '../../server/suggest/format-snippet.ts';
import { planSuggestions } from '../../server/suggest/plan-suggestions.ts';
import { judgeRow } from '../../server/suggest/preview-model.ts';
import { confidenceOf } from '../../server/suggest/suggest-models.ts';
import type { TableInfo } from '../../server/suggest/types.ts';

type Col = [name: string, type: string, values: readonly unknown[], flags?: 'pk' | 'serial'];
function table(name: string, columns: Col[], schema: string | null = 'public'): TableInfo {
  const rows = Math.max(...columns.map(([, , values]) => values.length));
  return {
    schema,
    name,
    ...(schema === null ? { file: `${name}.csv` } : {}),
    columns: columns.map(([column, dataType, , flags]) => ({ name: column, dataType, primaryKey: flags === 'pk' || flags === 'serial', autoIncrement: flags === 'serial' })),
    sample: Array.from({ length: rows }, (_, i) => Object.fromEntries(columns.map(([column, , values]) => [column, values[i % values.length]]))),
  };
}
const n10 = Array.from({ length: 10 }, (_, i) => i + 1);

const sources = parseConfig({
  sources: {
    legacy: { type: 'postgres', url: { env: 'LEGACY_URL' }, system: 'crm' },
    sheet: { type: 'csv', dir: '.', system: 'support' },
  },
  models: [{ name: 'a', kind: 'accounts', source: 'sheet', file: 'a.csv' }],
}).sources;

const LEGACY = [
  table('tbl_cust_master', [
    ['CUST_NO', 'integer', n10, 'pk'],
    ['CUST_NM', 'varchar(100)', n10.map((i) => `Customer ${i}`)],
    ['WEB_ADDR', 'varchar(100)', n10.map((i) => `cust${i}.com`)],
    ['pwd_hash', 'text', ['$2b$10$x']],
    ['Region Code', 'text', ['EU', 'US']],
  ]),
  table('act_log', [
    ['log_id', 'bigint', n10, 'serial'],
    ['usr_uid', 'integer', n10],
    ['evt', 'text', ['login', 'export']],
    ['ts', 'bigint', n10.map((i) => 1_717_000_000 + i)],
  ]),
];

describe('names in SQL and config', () => {
  it.each([
    ['id', 'postgres', 'id'],
    ['CUST_NO', 'postgres', '"CUST_NO"'],
    ['CUST_NO', 'mysql', '`CUST_NO`'],
    ['user', 'postgres', '"user"'],
    ['order', 'mysql', '`order`'],
    ['Monthly spend', 'postgres', '"Monthly spend"'],
    ['we"ird', 'postgres', '"we""ird"'],
  ] as const)('sqlName(%j, %s) = %s', (name, dialect, sql) => expect(sqlName(name, dialect)).toBe(sql));

  it.each([
    ['Monthly spend', 'monthly_spend'],
    ['CUST_NO', 'cust_no'],
    ['External company ID', 'external_company_id'],
    ['2nd_email', 'c_2nd_email'],
  ])('propertyName(%j) = %s', (column, name) => expect(propertyName(column)).toBe(name));

  it('names a model after its source and table, as the config requires', () => {
    expect(modelName('legacy', 'TBL_Cust-Master')).toBe('legacy_tbl_cust_master');
    expect(ModelConfig.shape.name.safeParse(modelName('s', 'x'.repeat(80))).success).toBe(true);
  });
});

describe('the proposed models', () => {
  it('aliases columns in PostgreSQL, keeps the rest as properties, leaves secrets out', () => {
    const [accounts, events] = planSuggestions(LEGACY, 'legacy', sources, 'postgres').models;
    expect(accounts!.built.model.sql).toBe('select "CUST_NO" as id, "CUST_NM" as name, "WEB_ADDR" as domain, "Region Code" as region_code\nfrom public.tbl_cust_master');
    expect(accounts!.built.notes).toContain('left out pwd_hash: it looks like a secret');
    expect(events!.built.model.sql).toBe('select log_id as id, usr_uid as user_id, evt as name, to_timestamp(ts) as occurred_at\nfrom public.act_log');
    expect(events!.built.model).toMatchObject({ cursor: 'id', fullRefreshHours: 24 });
  });

  it('quotes with backticks and converts epochs for MySQL', () => {
    const mysqlTables = LEGACY.map((t) => ({ ...t, schema: null }));
    const [accounts, events] = planSuggestions(mysqlTables, 'legacy', sources, 'mysql').models;
    expect(accounts!.built.model.sql).toMatch(/^select `CUST_NO` as id, .*\nfrom tbl_cust_master$/);
    expect(events!.built.model.sql).toContain('from_unixtime(ts) as occurred_at');
  });

  it('renames CSV headers instead of writing SQL', () => {
    const companies = table('companies', [['Company ID', 'text', n10.map(String)], ['Company name', 'text', n10.map((i) => `Co ${i}`)], ['Last updated', 'text', ['2024-01-02T00:00:00Z']]], null);
    const [model] = planSuggestions([companies], 'sheet', sources, 'csv').models;
    expect(model!.built.model).toEqual({
      name: 'sheet_companies',
      kind: 'accounts',
      source: 'sheet',
      file: 'companies.csv',
      columns: { 'Company ID': 'id', 'Company name': 'name', 'Last updated': 'updated_at' },
      cursor: 'updated_at',
      fullRefreshHours: 24,
    });
  });

  it('prints a snippet that is valid TypeScript and valid config, backticks and quotes included', () => {
    const models = [
      ...planSuggestions(LEGACY.map((t) => ({ ...t, schema: null })), 'legacy', sources, 'mysql').models.map((m) => m.built.model),
      { name: 'odd', kind: 'accounts' as const, source: 'sheet', file: "it's.csv", columns: { "O'Brien \\ Co": 'name' } },
    ];
    const snippet = formatSnippet(models);
    expect(snippet.startsWith('  models: [\n')).toBe(true);
    const evaluated = new Function(`return {${snippet}}`)() as { models: { sql?: string }[] };
    // SQL lines are indented to sit in the config; whitespace is all that may differ.
    const squash = (list: { sql?: string }[]) => list.map((m) => (m.sql ? { ...m, sql: m.sql.replace(/\s+/g, ' ') } : m));
    expect(squash(evaluated.models)).toEqual(squash(models));
    expect(snippet).toContain('\\`CUST_NO\\` as id');
    for (const model of evaluated.models) expect(() => ModelConfig.parse(model)).not.toThrow();
  });
});

describe('schemas to read', () => {
  const source = (name: string, system: 'crm' | 'support', app: 'salesforce' | 'zendesk' | 'other') => ({ name, config: { type: 'pglite' as const, dataDir: '.', system, app, timeoutSeconds: 300 } });
  it.each([
    [['crm', 'billing'], source('crm', 'crm', 'salesforce'), undefined, ['crm']],
    [['helpdesk', 'zendesk'], source('desk', 'support', 'zendesk'), undefined, ['zendesk']],
    [['public'], source('legacy', 'crm', 'other'), undefined, ['public']],
    [['sales', 'ops'], source('legacy', 'crm', 'other'), undefined, ['sales', 'ops']],
    [['sales', 'ops'], source('legacy', 'crm', 'other'), 'ops', ['ops']],
  ])('of %j for %o (asked: %s): %j', (available, src, explicit, expected) => {
    expect(chooseSchemas(available, src, explicit).schemas).toEqual(expected);
  });
  it('refuses a schema that is not there', () => {
    expect(() => chooseSchemas(['crm'], source('crm', 'crm', 'salesforce'), 'nope')).toThrow('no schema "nope"');
  });
});

describe('the preview judges rows as a run would', () => {
  const model = ModelConfig.parse({ name: 'm', kind: 'accounts', source: 'sheet', file: 'a.csv', columns: { ID: 'id' }, cursor: 'updated_at', softDelete: 'deleted' });
  it.each([
    [{ ID: '1', name: 'Acme', updated_at: '2024-01-01' }, { verdict: 'passed' }],
    [{ ID: '1', name: '', updated_at: '2024-01-01' }, { verdict: 'failed', reason: 'name: name is empty' }],
    [{ ID: '1', name: 'Acme', updated_at: '' }, { verdict: 'failed', reason: 'updated_at: cursor column is empty' }],
    [{ ID: '1', name: 'Acme', updated_at: '2024-01-01', deleted: 'Y' }, { verdict: 'deleted' }],
  ])('%j -> %j', (row, verdict) => expect(judgeRow(model, row)).toEqual(verdict));

  it.each([
    [1, { rows: 20, passed: 20, failed: 0, deleted: 0 }, 1],
    [0.8, { rows: 20, passed: 10, failed: 10, deleted: 0 }, 0.71],
    [0.9, { rows: 0, passed: 0, failed: 0, deleted: 0 }, 0.63],
    [1, { rows: 20, passed: 18, failed: 0, deleted: 2 }, 1],
  ])('confidence of a %s fit with preview %j is %s', (score, counts, confidence) => {
    expect(confidenceOf(score, { ...counts, failures: [] })).toBe(confidence);
  });
});
