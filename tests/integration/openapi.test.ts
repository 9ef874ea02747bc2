import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config/load.ts';
import { createApp } from '../../server/http/app.ts';
import { openTestStore, type TestStore } from './support/databases.ts';

/** STYLE 14: every route has a contract schema, so /openapi.json (and /docs) describe the whole API. */
describe('the OpenAPI document', () => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await openTestStore('pglite');
    const config = parseConfig({ sources: { s: { type: 'csv', dir: '.', system: 'crm' } }, models: [{ name: 'a', kind: 'accounts', source: 's', file: 'a.csv' }] });
    app = createApp({ store: t.store, config, version: 'test', runModels: async () => ({}), serialise: (work) => work() });
  });
  afterAll(async () => t?.cleanup());

  it('documents every /v1 route the app serves, with its method', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)));
    const served = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect(served.size).toBeGreaterThan(15);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect([`${method} ${path}`, Object.keys(operation.responses).some((s) => s.startsWith('2') || s === '304')]).toEqual([`${method} ${path}`, true]);
      }
    }
  });
});
