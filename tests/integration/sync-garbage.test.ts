import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openTestStore, type TestStore } from './support/databases.ts';
import { syncCsvGarbage, syncPostgresGarbage, type GarbageOutcome } from './support/garbage/run-garbage-sync.ts';

/**
 * Issue 9, item 3: a source with garbage mixed into good rows (wrong types, missing fields, impossible
 * dates, 1 MB values, SQL-looking text; invalid UTF-8 and NUL bytes in the CSV): the run completes, every
 * good row is stored unchanged, every bad row is quarantined once with the reason that names its fault.
 * `npm run soak:sync-garbage` runs 10,000 bad rows in 100,000 good ones.
 */
const SEED = Number(process.env.SIDELIGHT_GARBAGE_SEED ?? 9_003);

function expectClean(outcome: GarbageOutcome) {
  expect(outcome.run).toMatchObject({ status: 'succeeded', error: null });
  expect(outcome.verdict.problems).toEqual([]);
  expect(outcome.run).toMatchObject({ status: 'succeeded', error: null, rowsRead: outcome.expectedGood + outcome.expectedBad, rowsAccepted: outcome.expectedGood, rowsQuarantined: outcome.expectedBad });
  expect(outcome.verdict).toMatchObject({ stored: outcome.expectedGood, quarantined: outcome.expectedBad });
}

describe('a sync survives garbage', () => {
  let source: { url: string; drop(): Promise<void> };
  let dir: string;
  let pgStore: TestStore;
  let pgliteStore: TestStore;
  beforeAll(async () => {
    source = await createTestDatabase('sidelight_garbage');
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-garbage-'));
    pgStore = await openTestStore('postgres');
    pgliteStore = await openTestStore('pglite');
  });
  afterAll(async () => {
    await pgStore?.cleanup();
    await pgliteStore?.cleanup();
    await source?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('from PostgreSQL: 1,000 bad rows in 10,000 good ones', async () => {
    const outcome = await syncPostgresGarbage(pgStore.store.db, source.url, 'SIDELIGHT_GARBAGE_URL', { good: 10_000, bad: 1_000, huge: 6, seed: SEED });
    expectClean(outcome);
  });

  it('from CSV bytes: 500 bad rows in 5,000 good ones, into PGlite', async () => {
    const outcome = await syncCsvGarbage(pgliteStore.store.db, dir, { good: 5_000, bad: 500, huge: 4, seed: SEED });
    expectClean(outcome);
  });
});
