import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import type { Row } from './company.ts';
import { generateDemoCompany, type GenerateOptions } from './generate.ts';
import { DemoListing } from './listing.ts';
import {
  ALL_TABLES, columnsOf, createTableSql, DATABASE_INDEXES, DATABASE_SCHEMAS, DATABASE_TABLES, INTERCOM_FILES,
  type DatabaseTable, type IntercomFile,
} from './tables.ts';

export type { DemoListing } from './listing.ts';
export type DemoTarget = { type: 'pglite'; dataDir: string } | { type: 'postgres'; url: string };

export type SeedOptions = GenerateOptions & {
  target: DemoTarget;
  /** Where the Intercom CSV exports go. */
  csvDir: string;
  /** Where ground-truth.csv, listing.json and expected-quarantine.csv go. */
  outDir: string;
  onProgress?: (message: string) => void;
};

type Target = { exec(sql: string): Promise<void>; query(sql: string, params: unknown[]): Promise<void>; close(): Promise<void> };
const CHUNK_ROWS = 10_000;

/**
 * Generates the demo company and writes it out: the four source schemas (dropped and recreated)
 * into PGlite or PostgreSQL, the Intercom CSV exports, the ground truth and the listing.
 */
export async function seedDemo(options: SeedOptions): Promise<{ counts: Record<string, number>; durationMs: number }> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const company = generateDemoCompany(options);
  progress(`generated the company for ${company.now.slice(0, 10)} (seed ${company.seed}) in ${Math.round(performance.now() - started)} ms`);

  let lap = performance.now();
  const since = () => {
    const ms = Math.round(performance.now() - lap);
    lap = performance.now();
    return `${ms} ms`;
  };
  const target = await openTarget(options.target);
  progress(`opened the ${options.target.type} target in ${since()}`);
  try {
    await target.exec('begin');
    await target.exec(DATABASE_SCHEMAS.map((s) => `drop schema if exists ${s} cascade; create schema ${s};`).join('\n'));
    for (const table of Object.keys(DATABASE_TABLES) as DatabaseTable[]) {
      await target.exec(createTableSql(table));
      await loadTable(target, table, company.tables[table]);
      progress(`${table}: ${company.tables[table].length} rows in ${since()}`);
    }
    await target.exec(DATABASE_INDEXES.join(';\n'));
    await target.exec('commit');
    await target.exec('analyze');
    progress(`indexed and analysed in ${since()}`);
  } catch (error) {
    await target.exec('rollback').catch(() => {});
    throw error;
  } finally {
    await target.close();
  }

  await mkdir(options.csvDir, { recursive: true });
  // The export stopped a week ago: its files say so, like the files a dead export job leaves behind.
  const exportedAt = new Date(company.intercomExportedAt);
  for (const file of Object.keys(INTERCOM_FILES) as IntercomFile[]) {
    const csvFile = path.join(options.csvDir, `${file}.csv`);
    const columns = [...INTERCOM_FILES[file]];
    await writeFile(csvFile, stringify(company.tables[`intercom.${file}`], { header: true, columns }));
    await utimes(csvFile, exportedAt, exportedAt);
  }
  progress(`Intercom exports written to ${options.csvDir}`);

  await mkdir(options.outDir, { recursive: true });
  const truthColumns = ['record_source', 'record_id', 'entity_kind', 'true_entity_key'];
  await writeFile(path.join(options.outDir, 'ground-truth.csv'), stringify(company.groundTruth, { header: true, columns: truthColumns }));
  await writeFile(path.join(options.outDir, 'listing.json'), `${JSON.stringify(DemoListing.parse(company.listing), null, 2)}\n`);
  await writeFile(
    path.join(options.outDir, 'expected-quarantine.csv'),
    stringify(company.badRows, { header: true, columns: ['source', 'table', 'kind', 'key', 'reason'] }),
  );
  const counts = Object.fromEntries(ALL_TABLES.map((t) => [t, company.tables[t].length]));
  const durationMs = Math.round(performance.now() - started);
  progress(`done in ${durationMs} ms`);
  return { counts, durationMs };
}

export async function readDemoListing(outDir: string): Promise<DemoListing> {
  return DemoListing.parse(JSON.parse(await readFile(path.join(outDir, 'listing.json'), 'utf8')));
}

/** The two statements seeding needs, over PGlite or a PostgreSQL server. */
async function openTarget(target: DemoTarget): Promise<Target> {
  if (target.type === 'pglite') {
    await mkdir(target.dataDir, { recursive: true });
    const db = new PGlite(target.dataDir);
    await db.waitReady;
    return { exec: async (sql) => void (await db.exec(sql)), query: async (sql, params) => void (await db.query(sql, params)), close: () => db.close() };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return { exec: async (sql) => void (await client.query(sql)), query: async (sql, params) => void (await client.query(sql, params)), close: () => client.end() };
}

/**
 * One JSON parameter per chunk of rows, expanded by jsonb_populate_recordset: as fast as PGlite's
 * COPY from a blob once the CSV encoding is counted, and the same path on a PostgreSQL server
 * (where `pg` has no COPY FROM STDIN without another package).
 */
async function loadTable(target: Target, table: DatabaseTable, rows: Row[]): Promise<void> {
  const columns = columnsOf(table).join(', ');
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    await target.query(`insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [
      JSON.stringify(rows.slice(i, i + CHUNK_ROWS)),
    ]);
  }
}
