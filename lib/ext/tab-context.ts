import type { Detection, DetectionResult, MessageOutput } from '../contract/index.ts';
import { lookup } from './api.ts';
import { readSettings, tabDetections, tabLookups } from './storage.ts';
import type { Settings } from './storage.ts';

export type TabContext = MessageOutput<'context:get'>;

/** How long a fetched context is served again without asking the backend (the Dexie cache replaces this). */
const FRESH_MS = 30_000;

/** What a detection means, ignoring the URL: the same record on another sub-page needs no new lookup. */
const meaningOf = ({ url: _url, ...rest }: DetectionResult) => JSON.stringify(rest);

const lookupKeyOf = (settings: Settings, detection: Detection) =>
  JSON.stringify([settings.revision, settings.backendUrl, detection.host, detection.identifiers]);

// Reports of one tab are applied in the order they arrive, so a slow read cannot overwrite a newer page.
const tabQueues = new Map<number, Promise<unknown>>();
function inTabOrder<T>(tabId: number, task: () => Promise<T>): Promise<T> {
  const run = (tabQueues.get(tabId) ?? Promise.resolve()).then(task, task);
  tabQueues.set(tabId, run.catch(() => undefined));
  return run;
}

/** Records what the tab shows now and starts its lookup at once, before the sidebar asks. */
export function recordDetection(tabId: number, detection: DetectionResult): Promise<void> {
  return inTabOrder(tabId, async () => {
    const previous = await tabDetections.get(tabId);
    if (previous && meaningOf(previous.detection) === meaningOf(detection)) return;
    await tabDetections.set(tabId, { revision: crypto.randomUUID(), detection });
    if (detection.ok) void contextOfTab(tabId).catch(() => undefined);
  });
}

/** One lookup at a time per tab and question: the report's warm-up and the sidebar's ask share it. */
const inFlight = new Map<string, Promise<TabContext>>();

export async function contextOfTab(tabId: number): Promise<TabContext> {
  const current = await tabDetections.get(tabId);
  if (!current) return { state: 'waiting' };
  const { detection } = current;
  if (!detection.ok) return { state: 'miss', miss: detection };
  const settings = await readSettings();
  if (!settings.token) return { state: 'signed-out' };

  const key = lookupKeyOf(settings, detection);
  const cached = await tabLookups.get(tabId);
  if (cached?.key === key && Date.now() - cached.fetchedAt < FRESH_MS) {
    return { state: 'ready', detection, context: cached.context, fetchedAt: cached.fetchedAt };
  }
  const flightKey = `${tabId}\n${key}`;
  let flight = inFlight.get(flightKey);
  if (!flight) {
    flight = fetchContext(tabId, settings, detection, key).finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, flight);
  }
  return flight;
}

async function fetchContext(tabId: number, settings: Settings, detection: Detection, key: string): Promise<TabContext> {
  const result = await lookup(settings, { host: detection.host, identifiers: detection.identifiers });
  if (!result.ok) {
    return result.signedOut ? { state: 'signed-out' } : { state: 'error', message: result.message, detection };
  }
  const fetchedAt = Date.now();
  // Keep the answer only if the tab still shows the same record; otherwise it is already the past.
  const now = await tabDetections.get(tabId);
  if (now?.detection.ok && meaningOf(now.detection) === meaningOf(detection)) {
    await tabLookups.set(tabId, { key, context: result.value, fetchedAt });
  }
  return { state: 'ready', detection, context: result.value, fetchedAt };
}
