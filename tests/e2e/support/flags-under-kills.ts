import pg from 'pg';
import { countStates, enqueueFlags, signIn, waitForOutbox } from './outbox-page.ts';
import type { OutboxRow } from './outbox-page.ts';
import { seededRandom, sleep } from './outbox-rig.ts';
import type { OutboxRig } from './outbox-rig.ts';
import { checkStoredOnce, flagIdsIn, flaggablePairs } from './stored-flags.ts';
import type { StoredCheck } from './stored-flags.ts';

export interface KillRunOptions {
  flags: number;
  kills: number;
  seed: number;
  /** People of the demo to leave out first (another run on the same store flagged them). */
  skip?: number;
  /** How long the backend stays down after a kill before it is started again: 0..this, in ms. */
  maxDownMs?: number;
  log?: (line: string) => void;
}

export interface KillRunReport {
  flags: number;
  kills: number;
  /** The store's flag count at each kill (the kill came 0–15 or 0–120 ms after the count reached its mark). */
  killedAt: number[];
  seconds: number;
  /** Seconds the backend was down in all, from each kill to `/healthz` answering again. */
  downSeconds: number;
  outbox: ReturnType<typeof countStates>;
  attempts: number;
  /** Entries sent more than once, and those whose last attempt got back a flag stored by an earlier one. */
  retried: number;
  replayed: number;
  /** Entries the outbox gave up on, with the backend's reason. */
  failures: string[];
  stored: StoredCheck;
}

/**
 * Issue 9, item 1: `flags` flags go into the extension's outbox through its own message path while the
 * backend (`sidelight serve` on PostgreSQL) is killed with SIGKILL `kills` times, each time at a random
 * moment of the sending: when the store's flag count reaches a random mark, after a further 0–15 ms
 * (half of them: between a commit and its answer) or 0–120 ms (one flag takes ~20–80 ms); started again
 * on the same port after 0..maxDownMs. Then every flag must be stored exactly once and the outbox hold
 * each as sent.
 */
export async function runFlagsUnderKills(rig: OutboxRig, options: KillRunOptions): Promise<KillRunReport> {
  const { backend, browser, page } = rig;
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const requests = await flaggablePairs(backend.databaseUrl, options.flags, options.skip ?? 0);
  const earlier = await flagIdsIn(backend.databaseUrl);
  await signIn(browser, backend.url, backend.token);
  const marks = Array.from({ length: options.kills }, () => 1 + Math.floor(random() * (options.flags - 1))).sort((a, b) => a - b);
  const killsBefore = backend.kills;
  const killedAt: number[] = [];
  const started = performance.now();

  const client = new pg.Client({ connectionString: backend.databaseUrl });
  await client.connect();
  const baseline = Number((await client.query<{ n: string }>('select count(*) as n from identity_flags')).rows[0]!.n);
  const storedNow = async () => Number((await client.query<{ n: string }>('select count(*) as n from identity_flags')).rows[0]!.n) - baseline;
  let stopping = false;
  const killer = (async () => {
    for (const mark of marks) {
      // No progress for a minute: the outbox stopped sending, and the wait for it below says so.
      let [seen, since] = [-1, performance.now()];
      for (let now = await storedNow(); now < mark; now = await storedNow()) {
        if (stopping || performance.now() - since > 60_000) return;
        if (now !== seen) [seen, since] = [now, performance.now()];
        await sleep(10);
      }
      // Half the kills come within 15 ms of a commit (where the answer is still on its way), half anywhere.
      await sleep(random() * (random() < 0.5 ? 15 : 120));
      killedAt.push(await storedNow());
      await backend.kill();
      const down = random() * (options.maxDownMs ?? 1_000);
      log(`kill ${killedAt.length}/${marks.length} at ${killedAt.at(-1)} stored (mark ${mark}), down ${Math.round(down)} ms + start`);
      await sleep(down);
      await backend.start();
    }
  })();
  try {
    const entries = await enqueueFlags(page, requests);
    log(`${entries.length} flags in the outbox after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const ids = new Set(entries.map((e) => e.id));
    const ours = (rows: OutboxRow[]) => rows.filter((r) => ids.has(r.id));
    await killer;
    const rows = ours(
      await waitForOutbox(page, (rows) => ours(rows).every((r) => r.state !== 'pending'), 120_000 + options.flags * 500, 500),
    );
    const seconds = (performance.now() - started) / 1000;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const sent = entries.map((entry, i) => ({ request: requests[i]!, outboxId: entry.id, flagId: byId.get(entry.id)?.result?.id ?? null }));
    const stored = await checkStoredOnce(backend.databaseUrl, sent, earlier);
    return {
      flags: requests.length,
      kills: backend.kills - killsBefore,
      killedAt,
      seconds,
      downSeconds: backend.downMs / 1000,
      outbox: countStates(rows),
      attempts: rows.reduce((sum, r) => sum + r.attempts, 0),
      retried: rows.filter((r) => r.attempts > 1).length,
      replayed: rows.filter((r) => r.attempts > 1 && r.result && r.lastAttemptAt !== null && Date.parse(r.result.createdAt) < r.lastAttemptAt).length,
      failures: rows
        .filter((r) => r.state === 'failed')
        .map((r) => `${r.flag?.entity.id} / ${r.flag?.record.source}:${r.flag?.record.sourceId}: ${r.lastError}`),
      stored,
    };
  } finally {
    stopping = true;
    await killer.catch(() => undefined);
    await client.end();
  }
}

export function describeKillRun(report: KillRunReport): string[] {
  const { outbox, stored } = report;
  return [
    `${report.flags} flags, ${report.kills} SIGKILLs (at ${report.killedAt.join(', ')} stored) in ${report.seconds.toFixed(1)} s; backend down ${report.downSeconds.toFixed(1)} s in all`,
    `outbox: ${outbox.sent} sent, ${outbox.pending} pending, ${outbox.failed} failed; ${report.attempts} attempts, ${report.retried} entries retried, ${report.replayed} answered by a replay of a flag stored before its answer was lost`,
    ...report.failures.map((f) => `  FAILED ${f}`),
    `store: ${stored.flagRows} flag rows, ${stored.keys} idempotency keys; ${stored.problems.length} problems`,
    ...stored.problems.slice(0, 20).map((p) => `  PROBLEM ${p}`),
  ];
}
