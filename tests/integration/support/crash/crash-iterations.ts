import type { Kysely } from 'kysely';
import type { Database } from '../../../../server/store/schema.ts';
import { seededRandom } from '../garbage/garbage-rows.ts';
import { advanceCrashSource } from './crash-company.ts';
import { crashProblems, snapshotStore, type StoreSnapshot } from './crash-check.ts';
import { killSyncAt } from './kill-sync.ts';

export interface CrashIteration {
  gen: number;
  killAfterBatches: number;
  jitterMs: number;
  batchesSeen: number;
  finished: boolean;
  /** Which state each model was left in: before the sync, after it. */
  accounts: 'before' | 'after';
  events: 'before' | 'after';
  problems: string[];
}

/**
 * Kills a sync at a random point `iterations` times, moving the source to its next generation before each
 * one, and checks after each kill that every model is wholly before or wholly after the sync.
 */
export async function runCrashIterations(
  db: Kysely<Database>,
  env: { storeUrl: string; sourceUrl: string },
  options: { iterations: number; seed: number; maxBatches: number; eventsPerGen: number; onIteration?: (it: CrashIteration) => void },
): Promise<CrashIteration[]> {
  const random = seededRandom(options.seed);
  const results: CrashIteration[] = [];
  for (let gen = 1; gen <= options.iterations; gen++) {
    const before: StoreSnapshot = await snapshotStore(db);
    const after = await advanceCrashSource(env.sourceUrl, gen, options.eventsPerGen);
    const killAfterBatches = Math.floor(random() * (options.maxBatches + 1));
    const jitterMs = Math.floor(random() * 250);
    const killed = await killSyncAt(env, killAfterBatches, jitterMs);
    const now = await snapshotStore(db);
    const problems = crashProblems(now, before, after);
    if (killed.signal !== 'SIGKILL' && !killed.finished) problems.push(`the child ended without being killed: ${killed.stderr.slice(0, 500)}`);
    const it: CrashIteration = {
      gen,
      killAfterBatches,
      jitterMs,
      batchesSeen: killed.batches,
      finished: killed.finished,
      accounts: now.accounts === before.accounts && before.accounts !== after.accounts ? 'before' : 'after',
      events: now.events === before.events ? 'before' : 'after',
      problems,
    };
    options.onIteration?.(it);
    results.push(it);
  }
  return results;
}
