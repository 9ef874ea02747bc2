import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./sync-child.ts', import.meta.url));

export interface KilledSync {
  /** Batches the child reported written before the kill. */
  batches: number;
  /** The child finished before the kill came. */
  finished: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Starts a sync in a child process and kills it with SIGKILL once it has reported `afterBatches` batches
 * and a further `jitterMs` (0 batches: during start-up or the first read). A child that finishes first is
 * reported as finished.
 */
export function killSyncAt(env: { storeUrl: string; sourceUrl: string }, afterBatches: number, jitterMs: number): Promise<KilledSync> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, DATABASE_URL: env.storeUrl, CRASH_SOURCE_URL: env.sourceUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let batches = 0;
    let finished = false;
    let stderr = '';
    let armed = false;
    const arm = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), jitterMs);
    };
    if (afterBatches === 0) arm();
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('batch ')) batches++;
        if (line.startsWith('done')) finished = true;
        if (batches >= afterBatches) arm();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ batches, finished, signal, stderr }));
  });
}
