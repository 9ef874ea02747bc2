import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createToken } from '../../../../server/auth/tokens.ts';
import { syncModels } from '../../../../server/models/sync.ts';
import { startServer, type RunningServer } from '../../../../server/serve.ts';
import { openTestStore, type Engine, type TestStore } from '../databases.ts';
import { configFor, writeSources } from '../metrics-company.ts';

export interface LoadFixture {
  server: RunningServer;
  t: TestStore;
  greedyTokens: string[];
  politeToken: string;
  bodies: string[];
  close(): Promise<void>;
}

/**
 * The metrics company synced into a store, served by `startServer` (the real HTTP server, with the rate
 * limiter the server builds from `api.rateLimitPerMinute`), with tokens for the load's clients and lookup
 * bodies that match, are ambiguous or find nothing.
 */
export async function openLoadFixture(engine: Engine, rateLimitPerMinute: number, greedyTokens: number): Promise<LoadFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-load-'));
  await writeSources(dir);
  const base = configFor(dir);
  const config = { ...base, api: { ...base.api, rateLimitPerMinute } };
  const t = await openTestStore(engine);
  await syncModels(t.store.db, config);
  const saved = process.env.SIDELIGHT_RATE_LIMIT_PER_MINUTE;
  delete process.env.SIDELIGHT_RATE_LIMIT_PER_MINUTE;
  const server = await startServer({ store: t.store, config, dataDir: t.dataDir, port: 0 });
  if (saved !== undefined) process.env.SIDELIGHT_RATE_LIMIT_PER_MINUTE = saved;
  const tokens: string[] = [];
  for (let i = 0; i < greedyTokens; i++) tokens.push((await createToken(t.store.db, { name: `load ${i}`, role: (['support_agent', 'account_exec', 'cs_rep'] as const)[i % 3]! })).token);
  const politeToken = (await createToken(t.store.db, { name: 'load polite', role: 'support_agent' })).token;
  const lookup = (type: string, value: string) => JSON.stringify({ host: 'zendesk', identifiers: [{ type, value }] });
  const bodies = [lookup('email', 'ann@acme.com'), lookup('email', 'bo@acme.com'), lookup('domain', 'acme.com'), lookup('email', 'nobody@nowhere.example'), lookup('domain', 'quiet.example')];
  return {
    server,
    t,
    greedyTokens: tokens,
    politeToken,
    bodies,
    async close() {
      await server.close();
      await t.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
