import { startServer, type RunningServer } from '../serve.ts';
import { openStore, type Store } from '../store/open.ts';
import { cliConfig, type CliEnv } from './environment.ts';

/** Opens the store, serves the API, and shuts down cleanly on SIGINT/SIGTERM (releasing the store's lock). */
export async function serveCommand(env: CliEnv, options: { port?: string; host?: string; onReady?: (server: RunningServer, store: Store) => Promise<void> | void }): Promise<void> {
  const config = await cliConfig(env);
  const store = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  let server: RunningServer;
  try {
    server = await startServer({ store, config, dataDir: env.dataDir, port: Number(options.port ?? process.env.PORT ?? 8787), ...(options.host ? { host: options.host } : {}) });
  } catch (error) {
    await store.close();
    throw error;
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping…`);
    await server.close().catch(() => undefined);
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  console.log(`Sidelight API listening on ${server.url} (store: ${store.engine} ${store.location})`);
  await options.onReady?.(server, store);
}
