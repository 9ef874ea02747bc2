import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The embedded store (PGlite) belongs to one process (DESIGN section 2): `cli.test.ts` proves a second
// `serve` is refused and SIGTERM exits 0 with the lock gone. This adds what a flag outbox needs from it:
// the lock names the server while it runs, other openers are refused with a clear message and change
// nothing, SIGTERM and SIGINT while flags arrive finish the requests under way and keep every flag the
// server answered, and a lock left by a killed server is taken over. (Crash-safety under SIGKILL is
// promised on PostgreSQL: `tests/e2e/outbox-durability.test.ts`.)

const CLI = path.resolve('server/cli.ts');
const PEOPLE = 40;
let dir: string;
let env: NodeJS.ProcessEnv;
let token: string;
/** Read once, before any flag: a split person's email names two people after it. */
let allCases: FlagCase[] | undefined;
const lockFile = () => path.join(dir, 'data', 'sidelight.lock');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });

/** Each person is a CRM contact and a product user with one email: one entity of two records, one flag each. */
async function writeCompany(): Promise<void> {
  const rows = (header: string, row: (i: number) => string) => [header, ...Array.from({ length: PEOPLE }, (_, i) => row(i))].join('\n') + '\n';
  await writeFile(path.join(dir, 'accounts.csv'), 'id,name,domain\na1,Example Ltd,example.com\n');
  await writeFile(path.join(dir, 'contacts.csv'), rows('id,email,name', (i) => `c${i},person${i}@example.com,Person ${i}`));
  await writeFile(path.join(dir, 'users.csv'), rows('id,email,name', (i) => `u${i},person${i}@example.com,Person ${i}`));
  await writeFile(
    path.join(dir, 'sidelight.config.ts'),
    `export default {
      sources: { crm: { type: 'csv', dir: ${JSON.stringify(dir)}, system: 'crm' }, product: { type: 'csv', dir: ${JSON.stringify(dir)}, system: 'product' } },
      models: [
        { name: 'accounts', kind: 'accounts', source: 'crm', file: 'accounts.csv' },
        { name: 'contacts', kind: 'users', source: 'crm', file: 'contacts.csv' },
        { name: 'users', kind: 'users', source: 'product', file: 'users.csv' },
      ],
      properties: [{ key: 'email', entity: 'person', label: 'Email' }],
      api: { rateLimitPerMinute: 0 },
    };`,
  );
}

function serve(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, output: () => out });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

interface FlagCase {
  key: string;
  body: { record: { source: string; sourceId: string }; entity: { kind: 'person'; id: string } };
}

/** One flag per person: the product record split out of the person the CRM contact names. */
async function flagCases(url: string): Promise<FlagCase[]> {
  const cases: FlagCase[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const response = await fetch(`${url}/v1/lookup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ host: 'zendesk', identifiers: [{ type: 'email', value: `person${i}@example.com` }] }),
    });
    const context = (await response.json()) as { person: { id: string } | null };
    if (!context.person) throw new Error(`person${i} did not resolve`);
    cases.push({ key: `shutdown-${i}`, body: { record: { source: 'product', sourceId: `u${i}` }, entity: { kind: 'person', id: context.person.id } } });
  }
  return cases;
}

/** Sends one flag; its HTTP status, or how it got none: the server was gone, or it cut the request. */
async function sendFlag(url: string, flag: FlagCase): Promise<number | 'refused' | 'cut'> {
  try {
    const response = await fetch(`${url}/v1/flags`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': flag.key },
      body: JSON.stringify(flag.body),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' ? 'refused' : 'cut';
  }
}

async function storedFlags(url: string): Promise<{ id: string; entity: { id: string }; record: { sourceId: string } }[]> {
  const response = await fetch(`${url}/v1/flags`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { flags: { id: string; entity: { id: string }; record: { sourceId: string } }[] }).flags;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-shutdown-'));
  await writeCompany();
  env = { ...process.env, SIDELIGHT_DATA_DIR: path.join(dir, 'data'), SIDELIGHT_CONFIG: path.join(dir, 'sidelight.config.ts') };
  delete env.DATABASE_URL;
  expect(cli('sync').status).toBe(0);
  token = cli('token', 'create', '--role', 'admin', '--name', 'Outbox').stdout.trim().split('\n').at(-1)!;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the embedded store under one server', () => {
  it('is locked in the name of the server; other openers are refused with a clear message and change nothing', async () => {
    const { child, url } = await serve();
    try {
      expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(child.pid));
      const exported = cli('export', '--out', path.join(dir, 'export'));
      expect(exported.status).toBe(1);
      expect(exported.stderr).toContain(`a server holds the store at ${path.join(dir, 'data')}: stop it before you export`);
      const imported = cli('import', '--from', path.join(dir, 'export'));
      expect(imported.status).toBe(1);
      expect(imported.stderr).toContain('stop it before you import');
      // Still the first server's lock, and it still serves.
      expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(child.pid));
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      const exited = exitOf(child);
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
    }
    expect(existsSync(lockFile())).toBe(false);
  });

  it('is refused to the CLI, with the holder named, while a process that is not a server holds it', () => {
    // This test process stands for a live holder that answers no API (a long sync, an import).
    writeFileSync(lockFile(), String(process.pid));
    try {
      const sync = cli('sync');
      expect(sync.status).toBe(1);
      expect(sync.stderr).toContain(`is held by process ${process.pid}, which is not a Sidelight server answering the API. Stop it and try again.`);
      expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    } finally {
      rmSync(lockFile(), { force: true });
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops cleanly on %s while flags arrive, and keeps every flag it answered', async (signal) => {
    const half = signal === 'SIGTERM' ? [0, PEOPLE / 2] : [PEOPLE / 2, PEOPLE];
    let { child, url } = await serve();
    try {
      allCases ??= await flagCases(url);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    const cases = allCases.slice(half[0], half[1]);
    // Four clients at once; the signal comes once a third of the flags are answered.
    const statuses = new Map<string, number | 'refused' | 'cut'>();
    const queue = [...cases];
    let signalled = false;
    const exited = exitOf(child);
    const client = async () => {
      for (let flag = queue.shift(); flag; flag = queue.shift()) {
        statuses.set(flag.key, await sendFlag(url, flag));
        if (!signalled && statuses.size >= cases.length / 3) {
          signalled = true;
          child.kill(signal);
        }
      }
    };
    const stoppedIn = performance.now();
    await Promise.all([client(), client(), client(), client()]);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(performance.now() - stoppedIn).toBeLessThan(30_000);
    expect(existsSync(lockFile())).toBe(false);
    // Requests the server had begun when the signal came were finished and answered. A request still
    // unread in a keep-alive connection may be reset (the client cannot tell, so the outbox sends it again).
    const outcomes = [...statuses.values()];
    expect(outcomes.filter((o) => o !== 201 && o !== 'refused' && o !== 'cut')).toEqual([]);
    expect(outcomes.filter((o) => o === 201).length).toBeGreaterThanOrEqual(cases.length / 3);

    ({ child, url } = await serve());
    try {
      const before = new Map((await storedFlags(url)).map((f) => [`${f.entity.id}|${f.record.sourceId}`, f.id]));
      // Every answered flag was kept; none the server cut was half done (stored but never answered).
      for (const flag of cases) {
        const stored = before.has(`${flag.body.entity.id}|${flag.body.record.sourceId}`);
        if (statuses.get(flag.key) === 201) expect(stored, `${flag.key} was answered`).toBe(true);
        else expect(stored, `${flag.key} got ${statuses.get(flag.key)}`).toBe(false);
      }
      // The outbox sends every flag again whose answer it did not get, with the same key.
      for (const flag of cases) if (statuses.get(flag.key) !== 201) expect(await sendFlag(url, flag)).toBe(201);
      const after = await storedFlags(url);
      const ours = after.filter((f) => cases.some((c) => c.body.entity.id === f.entity.id && c.body.record.sourceId === f.record.sourceId));
      expect(ours).toHaveLength(cases.length);
      expect(new Set(ours.map((f) => `${f.entity.id}|${f.record.sourceId}`)).size).toBe(cases.length);
    } finally {
      const stopped = exitOf(child);
      child.kill('SIGTERM');
      await stopped;
    }
  });

  it('takes over a lock left by a server killed outright, and serves the same store', async () => {
    const first = await serve();
    const killed = exitOf(first.child);
    const flags = await storedFlags(first.url).finally(() => first.child.kill('SIGKILL'));
    await killed;
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(first.child.pid));
    const second = await serve();
    try {
      expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(second.child.pid));
      expect((await storedFlags(second.url)).map((f) => f.id).sort()).toEqual(flags.map((f) => f.id).sort());
    } finally {
      const exited = exitOf(second.child);
      second.child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
    }
    expect(existsSync(lockFile())).toBe(false);
  });
});
