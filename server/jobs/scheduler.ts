import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import type { SidelightConfig } from '../config/schema.ts';
import type { Database } from '../store/schema.ts';
import { claimTick, recordTickOutcome, releaseLease, takeLease } from './claims.ts';

export interface Scheduler {
  readonly owner: string;
  stop(): Promise<void>;
}

/** How long a lease lasts before another process may take over a model whose runner vanished. */
const LEASE_SECONDS = 30 * 60;

/**
 * Runs each model with a `schedule` inside the server process. Any number of processes may share one
 * PostgreSQL store: each tick is claimed in the store (one insert wins), and a lease keeps two processes
 * (or a slow run and the next tick) from running the same model at once.
 */
export function startScheduler(options: {
  db: Kysely<Database>;
  config: SidelightConfig;
  runModel: (model: string) => Promise<{ status: string }>;
  onError?: (error: unknown) => void;
}): Scheduler {
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const inFlight = new Set<Promise<void>>();
  const jobs = options.config.models
    .filter((m) => m.schedule)
    .map(
      (model) =>
        new Cron(model.schedule!, { protect: true, timezone: 'UTC' }, (job: Cron) => {
          // The moment the tick was planned for, identical in every process: the claim's key.
          const tickAt = job.currentRun() ?? new Date();
          tickAt.setMilliseconds(0);
          const work = runTick(model.name, tickAt).catch((error: unknown) => options.onError?.(error));
          inFlight.add(work);
          void work.finally(() => inFlight.delete(work));
        }),
    );

  async function runTick(model: string, tickAt: Date): Promise<void> {
    const { db } = options;
    if (!(await claimTick(db, model, tickAt, owner))) return;
    if (!(await takeLease(db, model, owner, LEASE_SECONDS))) {
      await recordTickOutcome(db, model, tickAt, 'skipped: another process is running this model');
      return;
    }
    try {
      const result = await options.runModel(model);
      await recordTickOutcome(db, model, tickAt, result.status);
    } catch (error) {
      await recordTickOutcome(db, model, tickAt, `error: ${(error as Error).message}`);
      throw error;
    } finally {
      await releaseLease(db, model, owner);
    }
  }

  return {
    owner,
    async stop() {
      for (const job of jobs) job.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
