import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Chromium from CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own download. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', playwrightChromium()];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests: run `apt-get update && apt-get install -y chromium`, ' +
        'or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return found;
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The replica hosts resolve to loopback; their self-signed certificate is accepted. */
const ARGS = [
  '--host-resolver-rules=MAP *.zendesk.com 127.0.0.1, MAP *.intercom.com 127.0.0.1, MAP *.force.com 127.0.0.1, MAP *.salesforce.com 127.0.0.1',
  '--ignore-certificate-errors',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
}

/** Starts headless Chromium (the new headless mode loads extensions) with the built extension. */
export async function launchWithExtension(extensionDir: string, profileDir: string): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...ARGS],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    return { context, extensionId };
  } catch (error) {
    await context.close();
    throw new Error('The extension did not start: is .output/chrome-mv3 built (`npm run build:chrome`)?', {
      cause: error,
    });
  }
}
