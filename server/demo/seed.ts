import { createWriteStream } from 'node:fs';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Row } from './company.ts';
import { generateDemoCompany, type GenerateOptions } from './generate.ts';
import { DemoListing } from './listing.ts';
import { openSeedTarget, type DemoTarget } from './seed-target.ts';
import {
  ALL_TABLES, createTableSql, DATABASE_INDEXES, DATABASE_SCHEMAS, DATABASE_TABLES, INTERCOM_FILES, primaryKeySql,
  type DatabaseTable, type IntercomFile,
} from './tables.ts';
import { SCALES, type ScaleName } from './world.ts';

export type { DemoListing } from './listing.ts';
export type { DemoTarget } from './seed-target.ts';

export type SeedOptions = GenerateOptions & {
  target: DemoTarget;
  /** Where the Intercom CSV exports go. */
  csvDir: string;
  /** Where ground-truth.csv, listing.json and expected-quarantine.csv go. */
  outDir: string;
  onProgress?: (message: string) => void;
};

export type SeedResult = { counts: Record<string, number>; durationMs: number };

const CHUNK_ROWS = 10_000;
/** Scales an embedded PGlite folder is not meant to hold: 10M events belong on a server. */
const SERVER_ONLY_SCALES = new Set<ScaleName>(['large']);

/**
 * Generates the demo company and writes it out: the four source schemas (dropped and recreated)
 * into PGlite or PostgreSQL, the Intercom CSV exports, the ground truth and the listing. The product
 * events are drawn chunk by chunk as they are written, so memory grows with accounts and people only.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const scale = options.scale ?? 'small';
  if (options.target.type === 'pglite' && SERVER_ONLY_SCALES.has(scale)) {
    throw new Error(
      `the ${scale} demo (${SCALES[scale].accounts.toLocaleString('en')} accounts, ${SCALES[scale].events.toLocaleString('en')} events) ` +
        'needs a PostgreSQL server: set DEMO_SOURCE_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/sidelight_demo)',
    );
  }
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const company = generateDemoCompany({ ...options, streamEvents: true });
  progress(`generated the ${scale} company for ${company.now.slice(0, 10)} (seed ${company.seed}) in ${Math.round(performance.now() - started)} ms`);

  let lap = performance.now();
  const since = () => {
    const ms = Math.round(performance.now() - lap);
    lap = performance.now();
    return `${ms} ms`;
  };
  const counts: Record<string, number> = {};
  const target = await openSeedTarget(options.target);
  progress(`opened the ${options.target.type} target in ${since()}`);
  try {
    await target.exec('begin');
    await target.exec(DATABASE_SCHEMAS.map((s) => `drop schema if exists ${s} cascade; create schema ${s};`).join('\n'));
    for (const table of Object.keys(DATABASE_TABLES) as DatabaseTable[]) {
      await target.exec(createTableSql(table));
      const streamed = company.streamed?.table === table ? company.streamed : null;
      const total = company.tables[table].length + (streamed?.count ?? 0);
      counts[table] = await target.load(table, withProgress(chunksOf(company.tables[table], streamed), table, total, progress));
      const primaryKey = primaryKeySql(table);
      if (primaryKey) await target.exec(primaryKey);
      // Written: let the rows go before the next table.
      company.tables[table] = [];
      progress(`${table}: ${counts[table]} rows in ${since()}`);
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
    counts[`intercom.${file}`] = company.tables[`intercom.${file}`].length;
    await writeCsv(csvFile, company.tables[`intercom.${file}`], [...INTERCOM_FILES[file]]);
    await utimes(csvFile, exportedAt, exportedAt);
  }
  progress(`Intercom exports written to ${options.csvDir}`);

  await mkdir(options.outDir, { recursive: true });
  await writeCsv(path.join(options.outDir, 'ground-truth.csv'), company.groundTruth, ['record_source', 'record_id', 'entity_kind', 'true_entity_key']);
  await writeFile(path.join(options.outDir, 'listing.json'), `${JSON.stringify(DemoListing.parse(company.listing), null, 2)}\n`);
  await writeFile(
    path.join(options.outDir, 'expected-quarantine.csv'),
    stringify(company.badRows, { header: true, columns: ['source', 'table', 'kind', 'key', 'reason'] }),
  );
  const durationMs = Math.round(performance.now() - started);
  progress(`done in ${durationMs} ms (peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`);
  return { counts: Object.fromEntries(ALL_TABLES.map((t) => [t, counts[t] ?? 0])), durationMs };
}

export async function readDemoListing(outDir: string): Promise<DemoListing> {
  return DemoListing.parse(JSON.parse(await readFile(path.join(outDir, 'listing.json'), 'utf8')));
}

/** A table's rows in chunks: the streamed ones as they are drawn, then those held in memory (the planned bad rows, for events). */
function* chunksOf(rows: Row[], streamed: { chunks(size: number): Iterable<Row[]> } | null): Generator<Row[]> {
  if (streamed) yield* streamed.chunks(CHUNK_ROWS);
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) yield rows.slice(i, i + CHUNK_ROWS);
}

/** Reports a large table's progress every million rows. */
function* withProgress(chunks: Iterable<Row[]>, table: string, total: number, progress: (message: string) => void): Generator<Row[]> {
  let done = 0;
  let next = 1_000_000;
  const started = performance.now();
  for (const chunk of chunks) {
    yield chunk;
    done += chunk.length;
    if (done >= next && done < total) {
      const perSecond = Math.round(done / ((performance.now() - started) / 1000));
      progress(`${table}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows (${perSecond.toLocaleString('en')} rows/s)`);
      next += 1_000_000;
    }
  }
}

/** A CSV file written in chunks, so a few million rows never become one string. */
async function writeCsv(file: string, rows: readonly object[], columns: string[]): Promise<void> {
  const out = createWriteStream(file);
  try {
    for (let i = 0; i === 0 || i < rows.length; i += 50_000) {
      const text = stringify(rows.slice(i, i + 50_000), { header: i === 0, columns });
      if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
