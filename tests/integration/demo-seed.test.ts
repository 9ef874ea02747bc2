import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseSalesforceId, ROW_SCHEMAS } from '../../lib/contract/index.ts';
import { parseConfig } from '../../server/config/load.ts';
import type { ModelConfig } from '../../server/config/schema.ts';
import type { DemoCompany } from '../../server/demo/company.ts';
import { generateDemoCompany, startOfUtcDay } from '../../server/demo/generate.ts';
import { readDemoListing, seedDemo } from '../../server/demo/seed.ts';
import { DATABASE_TABLES, type DatabaseTable } from '../../server/demo/tables.ts';

delete process.env.DEMO_SOURCE_DATABASE_URL;
const config = parseConfig((await import('../../sidelight.config.ts')).default);

const now = startOfUtcDay();
const seed = 7;
let company: DemoCompany;

beforeAll(() => {
  company = generateDemoCompany({ seed, now });
});

const databaseTables = Object.keys(DATABASE_TABLES) as DatabaseTable[];

/** The key a planned bad row is known by: its id, or user|account for memberships. */
function keyOf(row: Record<string, unknown>): string {
  return row.id !== undefined ? String(row.id) : `${row.user_id ?? ''}|${row.account_id ?? ''}`;
}

/** The table a model reads: its SQL's first `from`, or `intercom.<file>` for the CSV exports. */
function tableOf(model: ModelConfig): string {
  if (model.file) return `intercom.${model.file.replace(/\.csv$/, '')}`;
  return /\bfrom\s+([a-z_]+\.[a-z_]+)/i.exec(model.sql!)![1]!;
}

describe('seedDemo into PGlite', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-demo-'));
    result = await seedDemo({ target: { type: 'pglite', dataDir: path.join(dir, 'db') }, csvDir: path.join(dir, 'intercom'), outDir: dir, seed, now });
    console.info(`demo seed into PGlite: ${result.durationMs} ms`, result.counts);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes every table with the rows the generator made', async () => {
    expect(result.counts['crm.accounts']).toBeGreaterThan(250);
    expect(result.counts['product.events']).toBeGreaterThan(90_000);
    const db = new PGlite(path.join(dir, 'db'));
    try {
      for (const table of databaseTables) {
        const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
        expect(rows[0]!.n, table).toBe(company.tables[table].length);
        expect(result.counts[table], table).toBe(company.tables[table].length);
      }
    } finally {
      await db.close();
    }
    for (const file of ['companies', 'contacts', 'conversations'] as const) {
      const rows = parse(await readFile(path.join(dir, 'intercom', `${file}.csv`)), { columns: true });
      expect(rows.length, file).toBe(company.tables[`intercom.${file}`].length);
      // The export job stopped: the files are dated when it last ran.
      expect((await stat(path.join(dir, 'intercom', `${file}.csv`))).mtime.toISOString()).toBe(company.intercomExportedAt);
    }
  });

  it('writes a listing and a ground truth that agree', async () => {
    const listing = await readDemoListing(dir);
    expect(listing).toEqual(company.listing);
    const truth = parse(await readFile(path.join(dir, 'ground-truth.csv')), { columns: true }) as Record<string, string>[];
    expect(Object.keys(truth[0]!)).toEqual(['record_source', 'record_id', 'entity_kind', 'true_entity_key']);
    const keyOfRecord = new Map(truth.map((t) => [`${t.record_source}:${t.record_id}`, t.true_entity_key]));
    expect(keyOfRecord.size).toBe(truth.length);
    for (const account of listing.accounts) {
      const { salesforce, zendesk_org, intercom_company, billing } = account.ids;
      if (salesforce) expect(keyOfRecord.get(`crm:${normaliseSalesforceId(salesforce)}`)).toBe(account.id);
      if (zendesk_org) expect(keyOfRecord.get(`zendesk:${zendesk_org}`)).toBe(account.id);
      if (intercom_company) expect(keyOfRecord.get(`intercom:${intercom_company}`)).toBe(account.id);
      if (billing) expect(keyOfRecord.get(`billing:${billing}`)).toBe(account.id);
      for (const person of account.people) {
        if (person.ids.salesforce) expect(keyOfRecord.get(`crm:${person.ids.salesforce}`)).toBe(person.id);
        if (person.ids.zendesk_user) expect(keyOfRecord.get(`zendesk:${person.ids.zendesk_user}`)).toBe(person.id);
        if (person.ids.intercom_contact) expect(keyOfRecord.get(`intercom:${person.ids.intercom_contact}`)).toBe(person.id);
      }
    }
    const expected = parse(await readFile(path.join(dir, 'expected-quarantine.csv')), { columns: true });
    expect(expected).toHaveLength(company.badRows.length);
  });

  it('every model row meets its contract except exactly the planned bad rows', async () => {
    const db = new PGlite(path.join(dir, 'db'));
    const failures: string[] = [];
    let rowsRead = 0;
    try {
      for (const model of config.models) {
        const source = config.sources[model.source]!;
        let rows: Record<string, unknown>[];
        if (source.type === 'csv') {
          const raw = parse(await readFile(path.join(dir, 'intercom', model.file!)), { columns: true }) as Record<string, string>[];
          rows = raw.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [model.columns?.[k] ?? k, v])));
        } else {
          expect(source.type).toBe('pglite');
          rows = (await db.query<Record<string, unknown>>(model.sql!)).rows;
        }
        expect(rows.length, model.name).toBeGreaterThan(0);
        rowsRead += rows.length;
        for (const row of rows) {
          const parsed = ROW_SCHEMAS[model.kind].safeParse(row);
          if (!parsed.success) failures.push(`${model.source}:${tableOf(model)}:${keyOf(row)}`);
        }
      }
    } finally {
      await db.close();
    }
    const planned = company.badRows.map((b) => `${b.source}:${b.table}:${b.key}`);
    expect(failures.sort()).toEqual(planned.sort());
    expect(rowsRead).toBeGreaterThan(100_000);
  });
});

describe('seedDemo into PostgreSQL', () => {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `sidelight_demo_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  let url: string;
  let dir: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create database ${database}`);
    const target = new URL(serverUrl);
    target.pathname = `/${database}`;
    url = target.toString();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-demo-pg-'));
  });
  afterAll(async () => {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('seeds the same tables, and seeds again over them', async () => {
    for (let run = 0; run < 2; run++) {
      const result = await seedDemo({ target: { type: 'postgres', url }, csvDir: path.join(dir, 'intercom'), outDir: dir, seed, now });
      console.info(`demo seed into PostgreSQL (run ${run + 1}): ${result.durationMs} ms`);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const table of databaseTables) {
        const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ${table}`);
        expect(rows[0]!.n, table).toBe(company.tables[table].length);
      }
      const { rows } = await client.query(`select domain_names, properties from zendesk.organizations, product.events where properties <> '{}' limit 1`);
      expect(Array.isArray(rows[0].domain_names)).toBe(true);
      expect(typeof rows[0].properties).toBe('object');
    } finally {
      await client.end();
    }
  });
});
