import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeKillRun, runFlagsUnderKills } from './support/flags-under-kills.ts';
import { startHoldingProxy } from './support/holding-proxy.ts';
import { enqueueFlags, readOutbox, signIn, waitForOutbox } from './support/outbox-page.ts';
import { startOutboxRig } from './support/outbox-rig.ts';
import type { OutboxRig } from './support/outbox-rig.ts';
import { checkStoredOnce, flagIdsIn, flaggablePairs } from './support/stored-flags.ts';
import { describeWorkerStops, runWorkerStops } from './support/worker-stops.ts';

// Issue 9, items 1 and 2, through the real extension in Chromium: flags go into its outbox by the message
// the flag button sends, the backend is `sidelight serve` on PostgreSQL. The full sizes are
// `npm run soak:flags` (1,000 flags, 30 kills) and `npm run soak:worker-stops` (200 stops).

const FLAGS = 100;
const KILLS = 3;
const STOPS = 24;
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);

let rig: OutboxRig;

beforeAll(async () => {
  rig = await startOutboxRig();
});
afterAll(async () => {
  await rig?.close();
});

describe('the flag outbox', () => {
  it(`stores ${FLAGS} flags exactly once while the backend is killed (SIGKILL) ${KILLS} times at random moments`, async () => {
    const report = await runFlagsUnderKills(rig, { flags: FLAGS, kills: KILLS, seed: SEED });
    const summary = [`seed ${SEED}`, ...describeKillRun(report)].join('\n');
    expect(report.kills, summary).toBe(KILLS);
    expect(report.outbox, summary).toEqual({ pending: 0, sent: FLAGS, failed: 0, cancelled: 0 });
    expect(report.stored.problems, summary).toEqual([]);
    expect(report.stored.flagRows, summary).toBe(FLAGS);
    expect(report.stored.keys, summary).toBe(FLAGS);
  });

  it(`delivers a flag once after its worker is stopped before the send completes, ${STOPS} times`, async () => {
    const report = await runWorkerStops(rig, { stops: STOPS, skip: FLAGS });
    const summary = describeWorkerStops(report).join('\n');
    expect(report.stops.filter((s) => s.deliveredMs !== null), summary).toHaveLength(STOPS);
    // Each stop point, woken by the alarm alone and by a message.
    expect(new Set(report.stops.map((s) => `${s.point}/${s.wake}`)).size, summary).toBe(6);
    expect(report.stops.filter((s) => s.point !== 'saved').every((s) => s.pendingAtStop), summary).toBe(true);
    expect(report.outbox, summary).toEqual({ pending: 0, sent: STOPS, failed: 0, cancelled: 0 });
    expect(report.stored.problems, summary).toEqual([]);
    expect(report.stored.flagRows, summary).toBe(STOPS);
    // The answer-lost stops reached the backend twice: the second time, the key answered with the first flag.
    expect(report.forwarded[201], summary).toBeGreaterThanOrEqual(STOPS + STOPS / 3);
  });

  it('sends a flag that was on its way when the browser closed, once, after the browser starts again', async () => {
    const [request] = await flaggablePairs(rig.backend.databaseUrl, 1, FLAGS + STOPS);
    const earlier = await flagIdsIn(rig.backend.databaseUrl);
    const proxy = await startHoldingProxy(rig.backend.url);
    try {
      await signIn(rig.browser, proxy.url, rig.backend.token);
      const hold = proxy.holdNext('in-flight');
      const [entry] = await enqueueFlags(rig.page, [request!]);
      await hold.held;
      await rig.restartBrowser();
      expect((await readOutbox(rig.page)).find((r) => r.id === entry!.id)).toBeDefined();
      const rows = await waitForOutbox(rig.page, (rows) => rows.find((r) => r.id === entry!.id)?.state === 'sent', 45_000);
      const row = rows.find((r) => r.id === entry!.id)!;
      expect(row).toMatchObject({ state: 'sent', attempts: 2 });
      const stored = await checkStoredOnce(rig.backend.databaseUrl, [{ request: request!, outboxId: row.id, flagId: row.result?.id ?? null }], earlier);
      expect(stored).toEqual({ problems: [], flagRows: 1, keys: 1 });
    } finally {
      await proxy.close();
    }
  });
});
