import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuggestResult } from '../../server/suggest/suggest-result.ts';
import { CLI, startServeProcess } from './support/serve-process.ts';

let dir: string;
let env: NodeJS.ProcessEnv;

// The CSV source's dir is relative: the server (started in `dir`) finds it, the CLI (started elsewhere) would not,
// so a command that works while the server runs has gone through the server.
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000, cwd: os.tmpdir() });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-suggest-cli-'));
  await mkdir(path.join(dir, 'exports'));
  await writeFile(path.join(dir, 'exports', 'Customers.csv'), 'Customer No,Customer Name,Web,Changed\n1,Acme,acme.com,2024-01-02\n2,,blank.com,2024-01-03\n3,Globex,globex.io,2024-01-04\n');
  await writeFile(path.join(dir, 'exports', 'People.csv'), 'Person ID,E-mail,Customer No\np1,ada@acme.com,1\np2,bob@globex.io,3\n');
  await writeFile(
    path.join(dir, 'sidelight.config.ts'),
    `export default {
      sources: { sheet: { type: 'csv', dir: 'exports', system: 'crm' } },
      models: [{ name: 'sheet_accounts', kind: 'accounts', source: 'sheet', file: 'Customers.csv', columns: { 'Customer No': 'id', 'Customer Name': 'name' } }],
    };`,
  );
  env = { ...process.env, SIDELIGHT_DATA_DIR: path.join(dir, 'data'), SIDELIGHT_CONFIG: path.join(dir, 'sidelight.config.ts') };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sidelight suggest', () => {
  it('prints proposals with their previews and a models block, or JSON', () => {
    const text = spawnSync(process.execPath, [CLI, 'suggest', '--source', 'sheet'], { env, encoding: 'utf8', timeout: 60_000, cwd: dir });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('accounts <- Customers.csv');
    expect(text.stdout).toContain('1 × name: name is empty (e.g. 2)');
    expect(text.stdout).toContain("'Customer Name': 'name',");
    const json = spawnSync(process.execPath, [CLI, 'suggest', '--source', 'sheet', '--json'], { env, encoding: 'utf8', timeout: 60_000, cwd: dir });
    const result = SuggestResult.parse(JSON.parse(json.stdout));
    expect(result.proposals.map((p) => [p.kind, p.table])).toEqual([
      ['accounts', 'Customers.csv'],
      ['users', 'People.csv'],
    ]);
  });

  it('explains an unknown source and a bad option', () => {
    const unknown = cli('suggest', '--source', 'nope');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown source "nope"; known: sheet');
    expect(cli('suggest', '--source', 'sheet', '--preview', 'lots').stderr).toContain('--preview must be a positive whole number');
  });

  it('goes through the running server', async () => {
    const server = await startServeProcess({ env, cwd: dir });
    try {
      const res = cli('suggest', '--source', 'sheet', '--json', '--preview', '2');
      expect(res.status, res.stderr).toBe(0);
      const result = SuggestResult.parse(JSON.parse(res.stdout));
      expect(result.proposals[0]!.preview.rows).toBe(2);
    } finally {
      await server.stop();
    }
  });
});
