import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syncModels } from '../models/sync.ts';
import { modelStatuses } from '../models/status.ts';
import { demoIsSeeded, demoSeed } from './demo-command.ts';
import { cliConfig, type CliEnv, withStore } from './environment.ts';
import { formatRun } from './print-runs.ts';
import { serveCommand } from './serve-command.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npm start`: seed the demo company on first run, sync it when it has never synced, build the extension,
 * serve the API, and print what a person needs to try it.
 */
export async function startCommand(env: CliEnv, options: { build: boolean; port?: string }): Promise<void> {
  const started = performance.now();
  if (!demoIsSeeded(env)) {
    console.log('First start: seeding the demo company…');
    await demoSeed(env, {});
  }
  const config = await cliConfig(env);
  await withStore(env, async (store) => {
    const statuses = await modelStatuses(store.db, config);
    if (statuses.every((s) => s.lastSuccessAt !== null)) return;
    console.log('Syncing the data models…');
    const result = await syncModels(store.db, config, { onRun: (run) => console.log(formatRun(run)) });
    console.log(`  ${result.entities.accounts} accounts, ${result.entities.people} people resolved in ${result.durationMs} ms`);
  });
  if (options.build) {
    console.log('Building the extension (wxt build)…');
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('wxt build failed (see above)');
  }
  await serveCommand(env, {
    ...(options.port ? { port: options.port } : {}),
    onReady: (server) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`
Sidelight is running (ready in ${seconds} s).

  Backend URL   ${server.url}
  Admin token   ${server.adminToken}
  API docs      ${server.url}/docs

Load the extension in Chrome or Chromium:
  1. open chrome://extensions and turn on Developer mode
  2. "Load unpacked" and choose ${path.join(ROOT, '.output/chrome-mv3')}
  3. in the extension's options, paste the Backend URL and the token above, then Save
Try it: \`npm run sidelight -- demo list\` shows the demo's scenarios and their Zendesk ticket ids.
Stop with Ctrl-C.`);
    },
  });
}
