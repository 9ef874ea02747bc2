import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from './chromium.ts';
import type { ExtensionBrowser } from './chromium.ts';
import { EXTENSION_DIR } from './extension-session.ts';
import { controlWorker, openQuietExtensionPage } from './outbox-page.ts';
import type { WorkerControl } from './outbox-page.ts';
import { startPostgresBackend } from './postgres-backend.ts';
import type { PostgresBackend } from './postgres-backend.ts';

/**
 * What the outbox durability runs share (`tests/e2e/outbox-durability.test.ts`, `bench/soak-flags.ts`,
 * `bench/soak-worker-stops.ts`): the demo backend on PostgreSQL, Chromium with the built extension, a
 * quiet page of the extension's origin to drive and read the outbox from, and the worker under CDP.
 * No vitest in here, so the soak scripts run it with plain Node.
 */
export interface OutboxRig {
  backend: PostgresBackend;
  browser: ExtensionBrowser;
  page: Page;
  worker: WorkerControl;
  /**
   * Closes Chromium and starts it again on the same profile and extension (IndexedDB, storage and alarms
   * are the browser's to keep); `browser`, `page` and `worker` are the new ones after it.
   */
  restartBrowser: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startOutboxRig(): Promise<OutboxRig> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('No built extension in .output/chrome-mv3: run `npm run build:chrome` first.');
  }
  const tmp = await mkdtemp(join(tmpdir(), 'sidelight-outbox-'));
  const closers: (() => Promise<unknown>)[] = [() => rm(tmp, { recursive: true, force: true })];
  const close = async () => {
    for (const closeOne of closers.splice(0).reverse()) await closeOne().catch(() => undefined);
  };
  try {
    await mkdir(join(tmp, 'data'));
    const backend = await startPostgresBackend(join(tmp, 'data'));
    closers.push(() => backend.close());
    // A copy, so a rebuild of .output while this runs cannot pull files from under the browser.
    await cp(EXTENSION_DIR, join(tmp, 'extension'), { recursive: true });
    const open = async () => {
      const browser = await launchWithExtension(join(tmp, 'extension'), join(tmp, 'profile'));
      try {
        const page = await openQuietExtensionPage(browser);
        return { browser, page, worker: await controlWorker(browser, page) };
      } catch (error) {
        await browser.context.close();
        throw error;
      }
    };
    const closeBrowser = async () => {
      await rig.worker.close();
      await rig.browser.context.close();
    };
    const rig: OutboxRig = {
      backend,
      ...(await open()),
      async restartBrowser() {
        await closeBrowser();
        Object.assign(rig, await open());
      },
      close,
    };
    closers.push(closeBrowser);
    return rig;
  } catch (error) {
    await close();
    throw error;
  }
}

/** The soak's random moments repeat for a seed. */
export { seededRandom } from '../../../server/identity/fuzzy/seeded-random.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
