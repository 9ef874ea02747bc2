import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { SidelightConfig } from './config/schema.ts';
import { createApp } from './http/app.ts';
import { answerClientError } from './http/client-error.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { clearServerInfo, ensureAdminToken, writeServerInfo } from './local-admin.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { syncModels } from './models/sync.ts';
import type { Store } from './store/open.ts';
import { SIDELIGHT_VERSION } from './version.ts';

/** How long `close()` lets requests under way finish before it cuts their connections. */
const REQUEST_GRACE_MS = 10_000;

export interface RunningServer {
  url: string;
  adminToken: string;
  close(): Promise<void>;
}

/**
 * Serves the API on an open store. Model runs through the API are serialised, so two requests never sync
 * the same models at once in this process.
 */
export async function startServer(options: { store: Store; config: SidelightConfig; dataDir: string; port: number; host?: string; baseDir?: string }): Promise<RunningServer> {
  const { store, config, dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  const adminToken = await ensureAdminToken(store.db, dataDir);
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const runModels = (models?: string[], run: { fullRefresh?: boolean } = {}) =>
    serialise(() => syncModels(store.db, config, { ...(models ? { models } : {}), ...run, ...(options.baseDir ? { baseDir: options.baseDir } : {}) }));
  // SIDELIGHT_RATE_LIMIT_PER_MINUTE overrides the config (0 for load tests and benchmarks).
  const perMinute = Number(process.env.SIDELIGHT_RATE_LIMIT_PER_MINUTE ?? config.api.rateLimitPerMinute);
  const rateLimiter = perMinute > 0 ? new RateLimiter(perMinute) : undefined;
  const app = createApp({ store, config, version: SIDELIGHT_VERSION, runModels, serialise, ...(rateLimiter ? { rateLimiter } : {}) });
  const scheduler = startScheduler({
    db: store.db,
    config,
    runModel: async (model) => ({ status: (await runModels([model])).runs[0]?.status ?? 'failed' }),
    onError: (error) => console.error(`scheduled run failed: ${(error as Error).message}`),
  });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host ?? '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  server.on('clientError', answerClientError);
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  writeServerInfo(dataDir, { pid: process.pid, url });
  return {
    url,
    adminToken,
    async close() {
      clearServerInfo(dataDir);
      await scheduler.stop();
      await new Promise<void>((resolve) => {
        const http = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        // Idle keep-alive connections would hold close() open until they time out. Requests under way are
        // finished and answered first (a flag its client was never told of would be sent again), and
        // cut only if they outlast the grace.
        const cut = setTimeout(() => http.closeAllConnections?.(), REQUEST_GRACE_MS);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        http.closeIdleConnections?.();
      });
      await queue;
    },
  };
}
