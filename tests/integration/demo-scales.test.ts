import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCompany } from '../../server/demo/company.ts';
import { generateDemoCompany } from '../../server/demo/generate.ts';
import { DemoListing, SCENARIO_TAGS } from '../../server/demo/listing.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { SCALES } from '../../server/demo/world.ts';

const now = new Date('2026-11-02T00:00:00.000Z');

describe('the medium demo company', () => {
  let company: DemoCompany;
  beforeAll(() => {
    company = generateDemoCompany({ seed: 11, now, scale: 'medium', streamEvents: true });
  });

  it('has about 10k accounts, 100k people and 1M events, the events left to stream', () => {
    const t = company.tables;
    expect(t['crm.accounts'].length + t['product.workspaces'].length).toBeGreaterThan(15_000);
    expect(t['product.users'].length).toBeGreaterThan(80_000);
    expect(t['crm.contacts'].length + t['crm.leads'].length).toBeGreaterThan(30_000);
    expect(company.streamed!.count).toBeGreaterThan(0.98 * SCALES.medium.events);
    expect(company.streamed!.count).toBeLessThan(1.02 * SCALES.medium.events);
    // Only the planned bad events are held.
    expect(t['product.events'].length).toBe(company.badRows.filter((b) => b.table === 'product.events').length);
    expect(company.groundTruth.length).toBeGreaterThan(150_000);
  });

  it('lists a bounded sample of accounts and every scenario', () => {
    expect(() => DemoListing.parse(company.listing)).not.toThrow();
    expect(company.listing.accounts.length).toBeGreaterThanOrEqual(SCALES.medium.listed);
    expect(company.listing.accounts.length).toBeLessThanOrEqual(SCALES.medium.listed + SCENARIO_TAGS.length + 1);
    expect(Object.keys(company.listing.scenarios).sort()).toEqual([...SCENARIO_TAGS].sort());
    const names = new Set(company.listing.accounts.map((a) => a.name));
    expect(names.size).toBeGreaterThan(company.listing.accounts.length * 0.95);
  });

  it('keeps domains distinct once the stem-and-suffix names run out', () => {
    const domains = company.tables['product.workspaces'].map((w) => w.verified_domain).filter(Boolean);
    expect(domains.length).toBeGreaterThan(2_000);
    expect(new Set(domains).size).toBe(domains.length);
  });
});

describe('seedDemo at the large scale', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-demo-large-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses the embedded database, naming the setting that moves it to a server', async () => {
    const seeding = seedDemo({ target: { type: 'pglite', dataDir: path.join(dir, 'db') }, csvDir: dir, outDir: dir, scale: 'large' });
    await expect(seeding).rejects.toThrow(/needs a PostgreSQL server: set DEMO_SOURCE_DATABASE_URL/);
  });
});
