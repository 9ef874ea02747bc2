import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase } from '../../integration/support/databases.ts';
import { findFreePort } from './ports.ts';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = 'server/cli.ts';
const READY_TIMEOUT_MS = 60_000;

/**
 * The demo backend on a PostgreSQL store (a fresh database), as a `sidelight serve` child that a test may
 * kill outright (SIGKILL: no shutdown code runs, connections drop mid-request) and start again on the
 * same port. Crash-safety is promised on PostgreSQL (DESIGN section 2); the embedded store's counterpart
 * is `tests/integration/embedded-store-shutdown.test.ts`.
 */
export interface PostgresBackend {
  url: string;
  token: string;
  databaseUrl: string;
  /** How many times `kill` found the server running, and the wall time it was down in all (start included). */
  readonly kills: number;
  readonly downMs: number;
  /** SIGKILL, then waits for the process to be gone. */
  kill: () => Promise<void>;
  /** Serves the same store on the same URL again; resolves once `/healthz` answers. */
  start: () => Promise<void>;
  /** SIGTERM (a clean stop), then drops the database. */
  close: () => Promise<void>;
}

export async function startPostgresBackend(dataDir: string): Promise<PostgresBackend> {
  const database = await createTestDatabase('sidelight_e2e_outbox');
  const port = await findFreePort();
  // The demo's source systems stay in PGlite under dataDir; only the store is on PostgreSQL. The demo's
  // models run on schedules (every 15 and 30 minutes): a rebuild then may re-resolve a person a queued
  // flag names, which the backend rightly refuses (404 unknown_entity). Not what these runs are about.
  const config = join(dataDir, 'unscheduled.config.ts');
  await writeFile(
    config,
    `import demo from ${JSON.stringify(join(REPO_ROOT, 'sidelight.config.ts'))};\n` +
      'export default { ...demo, models: demo.models.map(({ schedule: _schedule, ...model }) => model) };\n',
  );
  const env = { ...process.env, SIDELIGHT_DATA_DIR: dataDir, SIDELIGHT_CONFIG: config, DATABASE_URL: database.url, PORT: String(port) };
  const cli = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
      throw new Error(`\`sidelight ${args.join(' ')}\` failed:\n${stderr || stdout}`.trim(), { cause: error });
    }
  };
  try {
    await cli('demo', 'seed');
    await cli('sync');
  } catch (error) {
    await database.drop();
    throw error;
  }
  const token = (await cli('token', 'create', '--role', 'admin', '--name', 'e2e-outbox')).trim().split('\n').pop()!.trim();
  const url = `http://127.0.0.1:${port}`;

  let server: ChildProcess | null = null;
  let kills = 0;
  let downMs = 0;
  let downSince: number | null = null;
  const start = async () => {
    const child = spawn(process.execPath, [CLI, 'serve'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    const output: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await waitUntilHealthy(url, child, output);
    if (downSince !== null) downMs += performance.now() - downSince;
    downSince = null;
  };
  const kill = async () => {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    kills++;
    downSince = performance.now();
  };
  const close = async () => {
    const child = server;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await database.drop();
  };
  await start();
  return {
    url,
    token,
    databaseUrl: database.url,
    get kills() {
      return kills;
    },
    get downMs() {
      return downMs;
    },
    kill,
    start,
    close,
  };
}

async function waitUntilHealthy(url: string, server: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`\`sidelight serve\` exited with ${server.exitCode}:\n${output.join('').slice(-4000)}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`\`sidelight serve\` did not answer ${url}/healthz in time:\n${output.join('').slice(-4000)}`);
}
