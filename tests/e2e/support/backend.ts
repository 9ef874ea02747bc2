import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findFreePort } from './ports.ts';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The backend's CLI; SIDELIGHT_E2E_CLI points the harness at another build of it. */
const CLI = process.env.SIDELIGHT_E2E_CLI ?? 'server/cli.ts';
const READY_TIMEOUT_MS = 90_000;

export interface Backend {
  url: string;
  token: string;
  /** The demo listing (`sidelight demo list --json`), parsed by the caller. */
  listing: unknown;
  stop: () => Promise<void>;
  /** Serves the same data folder on the same URL again after `stop` (tokens and data are kept). */
  restart: () => Promise<void>;
}

export interface BackendOptions {
  /** Runs after the demo company is seeded and before it is synced: a test can plant rows in its sources. */
  beforeSync?: () => Promise<void>;
}

/**
 * Seeds the demo company into a temporary data folder, syncs it, creates an admin token and serves the
 * API on a free port. Node is `process.execPath` (Node 24 under vitest), not `npx`.
 */
export async function startBackend(dataDir: string, options: BackendOptions = {}): Promise<Backend> {
  const port = await findFreePort();
  const env = { ...process.env, SIDELIGHT_DATA_DIR: dataDir, PORT: String(port) };
  const cli = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [CLI, ...args], {
        cwd: REPO_ROOT,
        env,
        timeout: 180_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
      throw new Error(`\`sidelight ${args.join(' ')}\` failed:\n${stderr || stdout}`.trim(), { cause: error });
    }
  };

  await cli('demo', 'seed');
  await options.beforeSync?.();
  await cli('sync');
  const token = (await cli('token', 'create', '--role', 'admin', '--name', 'e2e')).trim().split('\n').pop()!.trim();
  const listing: unknown = JSON.parse(await cli('demo', 'list', '--json'));

  const url = `http://127.0.0.1:${port}`;
  let server: ChildProcess;
  const serve = async () => {
    server = spawn(process.execPath, [CLI, 'serve'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    server.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    try {
      await waitUntilHealthy(url, server, output);
    } catch (error) {
      await stopProcess(server);
      throw error;
    }
  };
  await serve();
  return { url, token, listing, stop: () => stopProcess(server), restart: serve };
}

async function waitUntilHealthy(url: string, server: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`\`sidelight serve\` exited with ${server.exitCode}:\n${output.join('').slice(-4000)}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`\`sidelight serve\` did not answer ${url}/healthz in time:\n${output.join('').slice(-4000)}`);
}

/** SIGTERM, so an embedded store shuts down cleanly and releases its data folder; SIGKILL after 10 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
