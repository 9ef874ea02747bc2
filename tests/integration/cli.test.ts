import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, startServeProcess } from './support/serve-process.ts';

let dir: string;
let env: NodeJS.ProcessEnv;

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-cli-'));
  await writeFile(path.join(dir, 'accounts.csv'), 'Account ID,Company,Website\n1,Acme,acme.com\n2,,blank.com\n3,Globex,globex.io\n');
  await writeFile(
    path.join(dir, 'good.config.ts'),
    `export default {
      sources: { sheet: { type: 'csv', dir: ${JSON.stringify(dir)}, system: 'crm' } },
      models: [{ name: 'sheet_accounts', kind: 'accounts', source: 'sheet', file: 'accounts.csv', columns: { 'Account ID': 'id', Company: 'name', Website: 'domain' } }],
      properties: [{ key: 'domain', entity: 'account', label: 'Domain' }],
    };`,
  );
  await writeFile(
    path.join(dir, 'bad.config.ts'),
    `export default { sources: { db: { type: 'postgres', url: 'postgres://user:secret@host/db', system: 'crm' } }, models: [{ name: 'Bad Name', kind: 'accounts', source: 'nope', sql: 'select 1' }] };`,
  );
  await writeFile(
    path.join(dir, 'unknown-source.config.ts'),
    `export default { sources: { sheet: { type: 'csv', dir: '.', system: 'crm' } }, models: [{ name: 'a', kind: 'accounts', source: 'nope', file: 'a.csv' }] };`,
  );
  env = { ...process.env, SIDELIGHT_DATA_DIR: path.join(dir, 'data'), SIDELIGHT_CONFIG: path.join(dir, 'good.config.ts') };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sidelight CLI', () => {
  it('validate prints every error with its path and exits non-zero', () => {
    const bad = cli('--config', path.join(dir, 'bad.config.ts'), 'validate');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('sources.db.url');
    expect(bad.stderr).toContain('models.0.name');
    // Cross-references are checked once the structure is right.
    const unknown = cli('--config', path.join(dir, 'unknown-source.config.ts'), 'validate');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('models.0.source: unknown source "nope"; known: sheet');
    const good = cli('validate');
    expect(good.stdout).toContain('configuration is valid: 1 sources, 1 models');
    expect(good.status).toBe(0);
  });

  it('syncs a CSV source and creates tokens with the server stopped', () => {
    const sync = cli('sync');
    expect(sync.stdout).toMatch(/ok\s+sheet_accounts\s+3 read\s+2 ok\s+1 quarantined/);
    const created = cli('token', 'create', '--role', 'cs_rep', '--name', 'Casey');
    expect(created.status).toBe(0);
    expect(created.stdout.trim().split('\n').at(-1)).toMatch(/^sl_[\w-]{40,}$/);
  });

  it('works through the running server, refuses a second opener, and stops cleanly on SIGTERM', async () => {
    const server = await startServeProcess({ env });
    const { child, url } = server;
    try {
      const created = cli('token', 'create', '--role', 'support_agent', '--name', 'Ada');
      expect(created.status).toBe(0);
      const token = created.stdout.trim().split('\n').at(-1)!;
      const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toMatchObject({ name: 'Ada', role: 'support_agent' });
      const sync = cli('sync', '--model', 'sheet_accounts');
      expect(sync.status).toBe(0);
      expect(sync.stdout).toContain('sheet_accounts');

      const second = spawnSync(process.execPath, [CLI, 'serve', '--port', '0'], { env, encoding: 'utf8', timeout: 60_000 });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`is in use by process ${child.pid}`);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(path.join(dir, 'data', 'sidelight.lock'))).toBe(false);
    expect(cli('token', 'list').stdout).toContain('Ada');
  });
});
