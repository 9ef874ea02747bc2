import type { Page } from 'playwright-core';
import { startHoldingProxy } from './holding-proxy.ts';
import type { HoldMode } from './holding-proxy.ts';
import { countStates, enqueueFlags, readOutbox, signIn, waitForOutbox } from './outbox-page.ts';
import type { OutboxRow } from './outbox-page.ts';
import { sleep } from './outbox-rig.ts';
import type { OutboxRig } from './outbox-rig.ts';
import { checkStoredOnce, flagIdsIn, flaggablePairs } from './stored-flags.ts';
import type { StoredCheck } from './stored-flags.ts';

/**
 * Where the worker is stopped: `saved` as soon as the background has answered that the flag is on disk
 * (the send may not have begun), `in-flight` while the request is out and the backend never got it,
 * `answer-lost` once the backend stored the flag and answered, before the answer reaches the worker.
 */
export type StopPoint = 'saved' | HoldMode;
/** What starts the next worker: the outbox's alarm alone, or a message from a page (the popup opening). */
export type Wake = 'alarm' | 'message';

const POINTS: StopPoint[] = ['saved', 'in-flight', 'answer-lost'];
const WAKES: Wake[] = ['alarm', 'message'];

export interface WorkerStopOptions {
  stops: number;
  /** People of the demo to leave out first (another run on the same store flagged them). */
  skip?: number;
  /** The longest a stopped flag may take to arrive once the worker is stopped (an alarm wake is the slow one). */
  deliverWithinMs?: number;
  log?: (line: string) => void;
}

export interface StopResult {
  point: StopPoint;
  wake: Wake;
  /** The stopped worker left the entry pending (a `saved` stop may come after the send went through). */
  pendingAtStop: boolean;
  /** From the stop to the entry sent, in ms; null when it never was. */
  deliveredMs: number | null;
  attempts: number;
}

export interface WorkerStopReport {
  stops: StopResult[];
  seconds: number;
  workerStarts: number;
  outbox: ReturnType<typeof countStates>;
  /** Flag requests that reached the backend, and their statuses. */
  forwarded: Record<number, number>;
  stored: StoredCheck;
}

const asMessage = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }).chrome.runtime.sendMessage({ name: 'flags:list', input: {} }));

/**
 * Issue 9, item 2: `stops` times, one flag is saved through the extension's message path and the worker is
 * stopped (CDP, as MV3 stops an idle worker) at one of the stop points, in turn, then woken by its alarm or
 * a message, in turn; the flag must arrive, once. The backend is reached through a proxy that holds the
 * chosen request. Every stop is checked before the next, and the store once at the end.
 */
export async function runWorkerStops(rig: OutboxRig, options: WorkerStopOptions): Promise<WorkerStopReport> {
  const { backend, browser, page, worker } = rig;
  const log = options.log ?? (() => undefined);
  const requests = await flaggablePairs(backend.databaseUrl, options.stops, options.skip ?? 0);
  const earlier = await flagIdsIn(backend.databaseUrl);
  const proxy = await startHoldingProxy(backend.url);
  const started = performance.now();
  const startsBefore = worker.starts;
  const results: StopResult[] = [];
  const sent: { request: (typeof requests)[number]; outboxId: string; flagId: string | null }[] = [];
  try {
    await signIn(browser, proxy.url, backend.token);
    for (const [i, request] of requests.entries()) {
      const point = POINTS[i % POINTS.length]!;
      const wake = WAKES[Math.floor(i / POINTS.length) % WAKES.length]!;
      const hold = point === 'saved' ? null : proxy.holdNext(point);
      const [entry] = await enqueueFlags(page, [request]);
      if (hold && (await Promise.race([hold.held.then(() => true), sleep(15_000).then(() => false)])) === false) {
        throw new Error(`stop ${i + 1} (${point}): the flag request never came`);
      }
      await worker.stop();
      const stoppedAt = performance.now();
      // Read after the stop: what the stopped worker left on disk.
      const left = (await readOutbox(page)).find((r) => r.id === entry!.id);
      if (!left) throw new Error(`stop ${i + 1}: the flag is not in the outbox after its answer`);
      if (hold) await Promise.race([hold.dropped, sleep(5_000)]);
      if (wake === 'message') await asMessage(page);
      const rows = await waitForOutbox(page, (rows) => rows.find((r) => r.id === entry!.id)?.state === 'sent', options.deliverWithinMs ?? 45_000, 100);
      const row = rows.find((r): r is OutboxRow => r.id === entry!.id);
      const deliveredMs = row?.state === 'sent' ? Math.round(performance.now() - stoppedAt) : null;
      results.push({ point, wake, pendingAtStop: left.state === 'pending', deliveredMs, attempts: row?.attempts ?? 0 });
      sent.push({ request, outboxId: entry!.id, flagId: row?.result?.id ?? null });
      log(`stop ${String(i + 1).padStart(3)}: ${point.padEnd(11)} ${left.state.padEnd(7)} woken by ${wake.padEnd(7)} → ${deliveredMs === null ? 'NOT DELIVERED' : `sent after ${deliveredMs} ms`}, ${row?.attempts ?? 0} attempts`);
      if (deliveredMs === null) break;
    }
    const ids = new Set(sent.map((s) => s.outboxId));
    const rows = (await readOutbox(page)).filter((r) => ids.has(r.id));
    const forwarded: Record<number, number> = {};
    for (const status of proxy.forwarded) forwarded[status] = (forwarded[status] ?? 0) + 1;
    return {
      stops: results,
      seconds: (performance.now() - started) / 1000,
      workerStarts: worker.starts - startsBefore,
      outbox: countStates(rows),
      forwarded,
      stored: await checkStoredOnce(backend.databaseUrl, sent, earlier),
    };
  } finally {
    await proxy.close();
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

export function describeWorkerStops(report: WorkerStopReport): string[] {
  const delivered = report.stops.filter((s) => s.deliveredMs !== null);
  const lines = [
    `${report.stops.length} worker stops in ${report.seconds.toFixed(1)} s: ${delivered.length} delivered; ${report.workerStarts} workers started`,
  ];
  for (const point of POINTS) {
    for (const wake of WAKES) {
      const times = report.stops.filter((s) => s.point === point && s.wake === wake && s.deliveredMs !== null).map((s) => s.deliveredMs!);
      const all = report.stops.filter((s) => s.point === point && s.wake === wake);
      if (all.length === 0) continue;
      const pending = all.filter((s) => s.pendingAtStop).length;
      lines.push(`  ${point.padEnd(11)} + ${wake.padEnd(7)}: ${times.length}/${all.length} delivered (${pending} left pending by the stop), stop → sent p50 ${percentile(times, 50)} ms, max ${Math.max(...times)} ms`);
    }
  }
  lines.push(
    `outbox: ${report.outbox.sent} sent, ${report.outbox.pending} pending, ${report.outbox.failed} failed; flag requests that reached the backend: ${Object.entries(report.forwarded).map(([s, n]) => `${n} × ${s}`).join(', ')}`,
    `store: ${report.stored.flagRows} flag rows, ${report.stored.keys} idempotency keys; ${report.stored.problems.length} problems`,
    ...report.stored.problems.slice(0, 20).map((p) => `  PROBLEM ${p}`),
  );
  return lines;
}
