import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config/load.ts';
import { replayQuarantine } from '../../server/models/replay-quarantine.ts';
import { runModel } from '../../server/models/run-model.ts';
import { listQuarantine } from '../../server/models/status.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';

describe.each(ENGINES)('quarantine replay on %s', (engine) => {
  let dir: string;
  let t: TestStore;
  const configWith = (columns: Record<string, string>) =>
    parseConfig({
      sources: { sheet: { type: 'csv', dir, system: 'support' } },
      models: [
        { name: 'accounts', kind: 'accounts', source: 'sheet', file: 'accounts.csv' },
        { name: 'people', kind: 'users', source: 'sheet', file: 'people.csv', columns },
      ],
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-replay-'));
    await writeFile(path.join(dir, 'accounts.csv'), 'id,name\na1,Acme\n');
    await writeFile(path.join(dir, 'people.csv'), 'Contact ID,E-mail,Full name\nc1,ann@acme.com,Ann\nc2,bo@acme.com,\nc3,,\n');
    t = await openTestStore(engine);
  });
  afterAll(async () => {
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts rows after a mapping fix, keeps the ones still bad with their reason', async () => {
    // The first mapping forgets the e-mail column: a row with only an e-mail has "neither email nor name".
    const broken = configWith({ 'Contact ID': 'id', 'Full name': 'name' });
    const run = await runModel(t.store.db, broken, broken.models[1]!);
    expect(run).toMatchObject({ rowsAccepted: 1, rowsQuarantined: 2 });
    const before = await listQuarantine(t.store.db, { model: 'people' });
    // The quarantine keeps the row as the source gave it, so the fix can be replayed.
    expect(before.map((q) => q.row)).toEqual([
      { 'Contact ID': 'c2', 'E-mail': 'bo@acme.com', 'Full name': '' },
      { 'Contact ID': 'c3', 'E-mail': '', 'Full name': '' },
    ]);

    const fixed = configWith({ 'Contact ID': 'id', 'Full name': 'name', 'E-mail': 'email' });
    const replay = await replayQuarantine(t.store.db, fixed, 'people');
    expect(replay).toMatchObject({ replayed: 2, accepted: 1, stillQuarantined: 1 });
    const records = await t.store.db.selectFrom('source_records').select(['source_id', 'person_entity_id']).where('model', '=', 'people').orderBy('source_id').execute();
    expect(records.map((r) => r.source_id)).toEqual(['c1', 'c2']);
    expect(records.every((r) => r.person_entity_id !== null)).toBe(true);
    const after = await listQuarantine(t.store.db, { model: 'people' });
    expect(after.map((q) => [q.rowKey, q.reason, q.firstRunId, q.lastRunId])).toEqual([['id:c3', 'email: neither email nor name', String(run.runId), String(replay.runId)]]);
  });
});
