import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../server/auth/tokens.ts';
import { buildContext } from '../../server/lookup/build-context.ts';
import { syncModels } from '../../server/models/sync.ts';
import { openStore } from '../../server/store/open.ts';
import { exportStore } from '../../server/transfer/export-store.ts';
import { importStore } from '../../server/transfer/import-store.ts';
import { STORE_TABLES } from '../../server/transfer/tables.ts';
import { createTestDatabase, openTestStore, type TestStore } from './support/databases.ts';
import { sourceCompanyConfig, useSourceCompany } from './support/source-company.ts';

const config = sourceCompanyConfig();
useSourceCompany();

describe('export and import between PGlite and PostgreSQL', () => {
  let dir: string;
  let embedded: TestStore;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-transfer-'));
    embedded = await openTestStore('pglite');
    await syncModels(embedded.store.db, config);
    await createToken(embedded.store.db, { name: 'Ada', role: 'support_agent' });
  });
  afterAll(async () => {
    await embedded?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('moves a PGlite store to PostgreSQL and back, verified by counts and checksums', async () => {
    const manifest = await exportStore(embedded.store.db, path.join(dir, 'from-pglite'), { engine: 'pglite', location: embedded.dataDir });
    expect(Object.keys(manifest.tables)).toEqual(STORE_TABLES.map((t) => t.name));
    expect(manifest.tables.source_records!.rows).toBeGreaterThan(10);

    const server = await createTestDatabase('sidelight_import');
    const pgStore = await openStore({ databaseUrl: server.url });
    try {
      const verified = await importStore(pgStore.db, path.join(dir, 'from-pglite'));
      expect(verified).toEqual(manifest.tables);
      const context = await buildContext(pgStore.db, config, { identifiers: [{ type: 'zendesk_ticket_id', value: '101' }], role: 'admin' });
      expect(context.account?.name).toBe('Acme Corp');
      // New rows get fresh ids after the imported ones (the identity sequences moved past them).
      const importedMax = (await pgStore.db.selectFrom('sync_runs').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow()).max;
      const again = await syncModels(pgStore.db, config, { models: ['crm_accounts'] });
      expect(again.runs[0]).toMatchObject({ status: 'succeeded' });
      expect(again.runs[0]!.runId).toBe(Number(importedMax) + 1);
      await expect(importStore(pgStore.db, path.join(dir, 'from-pglite'))).rejects.toThrow(/not empty/);

      const back = await exportStore(pgStore.db, path.join(dir, 'from-postgres'), { engine: 'postgres', location: server.url });
      const roundTrip = await openTestStore('pglite');
      try {
        expect(await importStore(roundTrip.store.db, path.join(dir, 'from-postgres'))).toEqual(back.tables);
      } finally {
        await roundTrip.cleanup();
      }
    } finally {
      await pgStore.close();
      await server.drop();
    }
  });

  it('works from the CLI', async () => {
    const out = path.join(dir, 'cli-export');
    await embedded.store.close();
    const env = { ...process.env, SIDELIGHT_DATA_DIR: embedded.dataDir, SIDELIGHT_CONFIG: 'sidelight.config.ts' };
    const exported = spawnSync(process.execPath, ['server/cli.ts', 'export', '--out', out], { env, encoding: 'utf8', timeout: 120_000 });
    expect(exported.stdout).toMatch(/exported \d+ rows from pglite/);
    const server = await createTestDatabase('sidelight_import_cli');
    try {
      const imported = spawnSync(process.execPath, ['server/cli.ts', 'import', '--from', out], { env: { ...env, DATABASE_URL: server.url }, encoding: 'utf8', timeout: 120_000 });
      expect(imported.stdout).toContain('import complete: every table matches the export');
      expect(imported.status).toBe(0);
    } finally {
      await server.drop();
    }
  });
});
