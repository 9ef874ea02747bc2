import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { syncModels } from '../../server/models/sync.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';
import { flagCompanyConfig, planFlags, sizeForFlags, writeFlagCompany } from './support/flags/flag-company.ts';
import { runFlagUndo } from './support/flags/flag-undo-run.ts';

/**
 * Issue 9, item 6: undoing many flags gives back the exact prior links. `npm run soak:undo` runs the same
 * with 1,000 flags. Fewer on PGlite, whose one connection makes each request slower.
 */
const FLAGS = { pglite: 150, postgres: 200 } as const;

describe.each(ENGINES)('undoing many flags on %s', (engine) => {
  let t: TestStore;
  let dir: string;

  beforeAll(async () => {
    t = await openTestStore(engine);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-undo-scale-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it(`flags ${FLAGS[engine]} records over HTTP and undoes them in another order, also around syncs: every link, entity and pointer is back`, async () => {
    const size = sizeForFlags(FLAGS[engine]);
    await writeFlagCompany(dir, size);
    const config = flagCompanyConfig(dir);
    await syncModels(t.store.db, config);
    const app = createApp({ store: t.store, config, version: 'test', runModels: async () => undefined, serialise: (work) => work() });
    const result = await runFlagUndo(
      { db: t.store.db, request: (p, init) => app.request(p, init), sync: async () => void (await syncModels(t.store.db, config)) },
      planFlags(size, FLAGS[engine]),
      { concurrency: engine === 'postgres' ? 6 : 2, seed: 9, retryEvery: 10 },
    );
    expect(result.problems).toEqual([]);
    // Without a sync between, to the microsecond; around syncs, only probable links' scores may move.
    expect(result.exact.differences).toEqual({});
    expect(result.exact.differencesAfterSync).toEqual({});
    expect(Object.keys(result.withSyncs.differences).filter((k) => k !== 'probableRescored')).toEqual([]);
    for (const round of [result.exact, result.withSyncs]) {
      expect(round.flags).toBe(FLAGS[engine]);
      // The shuffled order undid some pairs of flags on one entity older-first, some newer-first.
      expect(round.pairedOrder.olderFirst).toBeGreaterThan(5);
      expect(round.pairedOrder.newerFirst).toBeGreaterThan(5);
    }
  });
});
