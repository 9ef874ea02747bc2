import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ErasureResult } from '../../lib/contract/index.ts';

/** `sidelight erase`: with the server stopped (the CLI opens the store) and through the running server. */
const CLI = path.resolve('server/cli.ts');
let dir: string;
let env: NodeJS.ProcessEnv;
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });
const json = <T,>(...args: string[]): T => {
  const run = cli(...args, '--json');
  expect([run.status, run.stderr]).toEqual([0, '']);
  return JSON.parse(run.stdout) as T;
};

function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-erase-cli-'));
  await writeFile(path.join(dir, 'accounts.csv'), 'id,name,domain\nA1,Acme,acme.com\n');
  await writeFile(path.join(dir, 'users.csv'), 'id,email,name,account_id\nU1,ann@acme.com,Ann Smith,A1\nU2,bob@acme.com,Bob Jones,A1\nU3,cat@acme.com,Cat Lee,A1\n');
  await writeFile(path.join(dir, 'tickets.csv'), 'id,requester_id,account_id,subject,status,created_at\nT1,U1,A1,Ann Smith cannot log in,open,2026-01-05\nT2,U2,A1,Bob asks for ann@acme.com,open,2026-01-05\n');
  await writeFile(
    path.join(dir, 'sidelight.config.ts'),
    `export default {
      sources: { sheet: { type: 'csv', dir: ${JSON.stringify(dir)}, system: 'support' } },
      models: [
        { name: 'accounts', kind: 'accounts', source: 'sheet', file: 'accounts.csv' },
        { name: 'users', kind: 'users', source: 'sheet', file: 'users.csv' },
        { name: 'tickets', kind: 'tickets', source: 'sheet', file: 'tickets.csv' },
      ],
      properties: [{ key: 'email', entity: 'person', label: 'Email' }],
    };`,
  );
  env = { ...process.env, SIDELIGHT_DATA_DIR: path.join(dir, 'data'), SIDELIGHT_CONFIG: path.join(dir, 'sidelight.config.ts') };
  expect(cli('sync').status).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sidelight erase', () => {
  it('shows what would go, erases with the server stopped, and a sync does not bring the person back', () => {
    const dry = json<ErasureResult>('erase', '--email', 'Ann@Acme.com', '--dry-run');
    expect(dry).toMatchObject({ dryRun: true, found: true, records: [{ source: 'sheet', sourceId: 'U1', model: 'users' }] });
    const done = cli('erase', '--email', 'ann@acme.com');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/^erasure 1: 1 person entity, 1 record\(s\) erased in \d+ ms/);
    expect(done.stdout).toContain('recordsDeleted 1, activityRedacted 1, recordsScrubbed 1');
    expect(cli('sync').status).toBe(0);
    expect(json<ErasureResult>('erase', '--email', 'ann@acme.com', '--dry-run')).toMatchObject({ found: false, records: [] });
    const neither = cli('erase');
    expect([neither.status, neither.stderr.trim()]).toEqual([1, 'sidelight: name exactly one of --email and --person']);
  });

  it('works through the running server with the local admin token, by person id, and is audited', async () => {
    const { child, url } = await serve();
    try {
      const bob = json<ErasureResult>('erase', '--email', 'bob@acme.com', '--dry-run').people[0]!;
      const done = cli('erase', '--person', bob);
      expect([done.status, done.stderr]).toEqual([0, '']);
      expect(done.stdout).toMatch(/^erasure 2: 1 person entity, 1 record\(s\) erased/);
      const unknown = cli('erase', '--person', 'per_0000000000000000');
      expect([unknown.status, unknown.stderr.trim()]).toEqual([1, 'sidelight: server answered 404: No person per_0000000000000000.']);
      const token = readFileSync(path.join(dir, 'data', 'admin-token'), 'utf8').trim();
      const audit = (await (await fetch(`${url}/v1/audit?action=person.erase`, { headers: { authorization: `Bearer ${token}` } })).json()) as { entries: AuditEntry[] };
      expect(audit.entries.map((e) => [e.actor, e.subject, e.detail?.by])).toEqual([
        ['local-admin', 'erasure 2', 'personId'],
        [`cli:${os.userInfo().username}`, 'erasure 1', 'email'],
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/ann|bob/i);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
