import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticPeople } from '../../server/identity/fuzzy/synthetic-people.ts';

const cli = path.resolve(import.meta.dirname, '../../server/cli.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'sidelight-fuzzy-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

// No server and no store: the commands must run from the CSV files alone, in an empty folder.
const sidelight = (...args: string[]) => spawnSync(process.execPath, [cli, 'identity', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, SIDELIGHT_DATA_DIR: path.join(dir, 'no-store') } });
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number | string>;

const people = syntheticPeople({ people: 400, seed: 21 });
const peopleCsv = file('people.csv', stringify([people.header, ...people.rows]));
const truthCsv = file('truth.csv', stringify(people.truth, { header: true, columns: ['left_id', 'right_id'] }));

describe('sidelight identity evaluate', () => {
  it('deduplicates one file and ends with the metrics as JSON', () => {
    const run = sidelight('evaluate', '--left', peopleCsv, '--id-column', 'id', '--truth', truthCsv);
    expect(run.status, run.stderr).toBe(0);
    const result = lastJson(run.stdout);
    expect(Object.keys(result).slice(0, 6)).toEqual(['precision', 'recall', 'f1', 'pairs_predicted', 'records', 'seconds']);
    expect(result.records).toBe(people.rows.length);
    expect(result.precision).toBeGreaterThan(0.9);
    expect(result.recall).toBeGreaterThan(0.9);
    expect(result.mode).toBe('dedupe');
    expect(run.stdout).toContain('blocking rules');
    expect(run.stderr).toBe(''); // no progress line when stderr is not a terminal
  });

  it('with --clusters counts every pair inside the clusters the links form', () => {
    const run = sidelight('evaluate', '--left', peopleCsv, '--id-column', 'id', '--truth', truthCsv, '--clusters');
    expect(run.status, run.stderr).toBe(0);
    const result = lastJson(run.stdout);
    expect(result.counted).toBe('clusters');
    expect(result.f1).toBeGreaterThan(0.9);
  });

  it('links two files with --right', () => {
    const left = people.rows.filter((r) => r[0]!.endsWith('-0'));
    const right = people.rows.filter((r) => !r[0]!.endsWith('-0'));
    const pairs = people.truth.filter(([a, b]) => a.endsWith('-0') && !b.endsWith('-0'));
    const run = sidelight(
      'evaluate',
      '--left',
      file('left.csv', stringify([people.header, ...left])),
      '--right',
      file('right.csv', stringify([people.header, ...right])),
      '--id-column',
      'id',
      '--truth',
      file('link-truth.csv', stringify(pairs, { header: true, columns: ['left_id', 'right_id'] })),
    );
    expect(run.status, run.stderr).toBe(0);
    const result = lastJson(run.stdout);
    expect(result.mode).toBe('link');
    expect(result.records).toBe(left.length + right.length);
    expect(result.f1).toBeGreaterThan(0.9);
  });

  it('takes comparisons, blocking and threshold from a rules file', () => {
    const rules = file(
      'rules.json',
      JSON.stringify({
        comparisons: [
          { column: 'surname', levels: [{ kind: 'exact' }, { kind: 'jaro_winkler', min: 0.9 }], termFrequency: true },
          { column: 'dob', normalise: 'date', levels: [{ kind: 'exact' }, { kind: 'date_swapped' }] },
          { column: 'email', normalise: 'email', levels: [{ kind: 'exact' }, { kind: 'email_local' }] },
        ],
        blocking: [['dob'], ['soundex(surname)']],
        threshold: 0.5,
      }),
    );
    const run = sidelight('evaluate', '--left', peopleCsv, '--id-column', 'id', '--truth', truthCsv, '--config', rules);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('  dob: ');
    expect(run.stdout).toContain('  soundex(surname): ');
    expect(lastJson(run.stdout).threshold).toBe(0.5);
  });

  it('rejects a rules file with the path of each mistake', () => {
    const rules = file('bad.json', JSON.stringify({ comparisons: [{ column: 'surname', levels: [{ kind: 'jaro_winkler', min: 2 }] }], thresold: 0.5 }));
    const run = sidelight('evaluate', '--left', peopleCsv, '--id-column', 'id', '--truth', truthCsv, '--config', rules);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/comparisons\[0\]\.levels\[0\]\.min/);
    expect(run.stderr).toMatch(/thresold/);
  });

  it('names a truth pair that points at no record', () => {
    const run = sidelight('evaluate', '--left', peopleCsv, '--id-column', 'id', '--truth', file('bad-truth.csv', 'left_id,right_id\nnobody,p1-0\n'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('truth pair nobody,p1-0');
  });
});

describe('sidelight identity explain', () => {
  it("prints each attribute's level and bits for one pair", () => {
    const [a, b] = people.truth[0]!;
    const run = sidelight('explain', '--left', peopleCsv, '--id-column', 'id', '--left-id', a, '--right-id', b);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${a} vs ${b}`);
    for (const column of ['first_name', 'surname', 'dob', 'email']) expect(run.stdout).toMatch(new RegExp(`^${column} `, 'm'));
    expect(run.stdout).toMatch(/match weight [+-]\d+\.\d\d bits, probability \d\.\d{4}/);
  });

  it('as JSON, the bits add up to the match weight', () => {
    const [a, b] = people.truth[1]!;
    const run = sidelight('explain', '--left', peopleCsv, '--id-column', 'id', '--left-id', a, '--right-id', b, '--json');
    expect(run.status, run.stderr).toBe(0);
    const e = JSON.parse(run.stdout) as { priorBits: number; attributes: { bits: number }[]; weight: number; probability: number };
    expect(e.attributes.reduce((s, x) => s + x.bits, e.priorBits)).toBeCloseTo(e.weight, 9);
    expect(e.probability).toBeCloseTo(1 / (1 + 2 ** -e.weight), 9);
  });
});
