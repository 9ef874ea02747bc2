import { afterEach, describe, expect, it, vi } from 'vitest';
import { knownColumns } from '../../lib/contract/index.ts';
import { parseConfig } from '../../server/config/load.ts';
import { DATABASE_TABLES, INTERCOM_FILES } from '../../server/demo/tables.ts';

async function loadDemoConfig() {
  vi.resetModules();
  return parseConfig((await import('../../sidelight.config.ts')).default, 'sidelight.config.ts');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('sidelight.config.ts (the demo deployment)', () => {
  it('parses, with the embedded demo database by default', async () => {
    vi.stubEnv('DEMO_SOURCE_DATABASE_URL', '');
    vi.stubEnv('SIDELIGHT_DATA_DIR', '/srv/sidelight');
    const config = await loadDemoConfig();
    expect(Object.keys(config.sources).sort()).toEqual(['billing', 'crm', 'intercom', 'product', 'zendesk']);
    for (const name of ['crm', 'billing', 'product', 'zendesk']) {
      expect(config.sources[name]).toMatchObject({ type: 'pglite', dataDir: '/srv/sidelight/demo-sources/db' });
    }
    expect(config.sources.intercom).toMatchObject({ type: 'csv', dir: '/srv/sidelight/demo-sources/intercom', app: 'intercom' });
    expect(config.sources.crm).toMatchObject({ system: 'crm', app: 'salesforce' });
    expect(config.sources.zendesk).toMatchObject({ system: 'support', app: 'zendesk' });
  });

  it('reads the demo sources from PostgreSQL when DEMO_SOURCE_DATABASE_URL is set', async () => {
    vi.stubEnv('DEMO_SOURCE_DATABASE_URL', 'postgres://demo@localhost/demo');
    const config = await loadDemoConfig();
    for (const name of ['crm', 'billing', 'product', 'zendesk']) {
      expect(config.sources[name]).toMatchObject({ type: 'postgres', url: { env: 'DEMO_SOURCE_DATABASE_URL' } });
    }
  });

  it('queries only tables the demo generator creates', async () => {
    const config = await loadDemoConfig();
    for (const model of config.models) {
      if (!model.sql) continue;
      const tables = [...model.sql.matchAll(/\b(?:from|join(?:\s+lateral)?)\s+([a-z_]+\.[a-z_]+)/gi)].map((m) => m[1]!);
      expect(tables.length, model.name).toBeGreaterThan(0);
      for (const table of tables) expect(Object.keys(DATABASE_TABLES), `${model.name} reads ${table}`).toContain(table);
    }
  });

  it('maps every Intercom export header onto a column, with the kind’s id among them', async () => {
    const config = await loadDemoConfig();
    const csvModels = config.models.filter((m) => m.file);
    expect(csvModels.map((m) => m.file).sort()).toEqual(Object.keys(INTERCOM_FILES).map((f) => `${f}.csv`).sort());
    for (const model of csvModels) {
      const headers = INTERCOM_FILES[model.file!.replace(/\.csv$/, '') as keyof typeof INTERCOM_FILES];
      expect(Object.keys(model.columns ?? {}).sort(), model.name).toEqual([...headers].sort());
      const renamed = Object.values(model.columns ?? {});
      expect(renamed).toContain('id');
      expect(renamed.filter((c) => knownColumns(model.kind).has(c)).length).toBeGreaterThan(2);
    }
  });

  it('links records through shared system ids and has a model per demo table', async () => {
    const config = await loadDemoConfig();
    const sameAs = config.models.flatMap((m) => m.sameAs.map((s) => `${m.name}.${s.column}->${s.source}`));
    expect(sameAs).toEqual(
      expect.arrayContaining([
        'billing_customers.crm_account_id->crm',
        'product_workspaces.billing_customer_id->billing',
        'zendesk_organizations.external_id->crm',
        'crm_contacts.zendesk_user_id->zendesk',
      ]),
    );
    const read = new Set(config.models.flatMap((m) => (m.sql ? [/\bfrom\s+([a-z_]+\.[a-z_]+)/i.exec(m.sql)![1]] : [])));
    expect([...read].sort()).toEqual(Object.keys(DATABASE_TABLES).sort());
  });
});
