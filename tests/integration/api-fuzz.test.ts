import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../lib/contract/index.ts';
import { startServer } from '../../server/serve.ts';
import { openFuzzFixture, readOperations, type FuzzFixture } from './support/fuzz/fuzz-fixture.ts';
import { rawRequest } from './support/fuzz/raw-http.ts';
import { fuzzOperation, type FuzzTally } from './support/fuzz/run-fuzz.ts';
import { sourceCompanyConfig, useSourceCompany } from './support/source-company.ts';

/**
 * Issue 9, item 9: every route in /openapi.json, fed generated malformed paths, queries, headers and bodies
 * by every role's token and by broken credentials, answers 2xx/3xx/4xx (never 5xx), and every 4xx is
 * problem+json in the contract's shape. `npm run soak:fuzz` runs thousands per route.
 */
const config = sourceCompanyConfig();
useSourceCompany();
const RUNS = Number(process.env.SIDELIGHT_FUZZ_RUNS ?? 50);
const { operations } = await readOperations(config);

describe('API fuzzing', () => {
  let f: FuzzFixture;
  const tally: FuzzTally = { requests: 0, byStatus: new Map() };
  beforeAll(async () => {
    f = await openFuzzFixture(config);
  });
  afterAll(async () => {
    await f?.t.cleanup();
  });

  it('covers every documented operation', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s survives malformed requests', async (_name, op) => {
    await fuzzOperation(f.app, op, { ...f, numRuns: RUNS, tally });
  });

  it('reached the handlers, not only the validators', () => {
    const twoHundreds = [...tally.byStatus].filter(([status]) => status < 300).reduce((n, [, count]) => n + count, 0);
    expect(tally.requests).toBe(RUNS * operations.length);
    expect(twoHundreds).toBeGreaterThan(tally.requests * 0.03);
  });

  it('answers what Node itself refuses (huge headers, a broken request line) as problem+json over a real socket', async () => {
    const server = await startServer({ store: f.t.store, config, dataDir: f.t.dataDir, port: 0 });
    try {
      const huge = await rawRequest(server.url, `GET /v1/me HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${'a'.repeat(100_000)}\r\n\r\n`);
      expect(huge.status).toBe(431);
      expect(huge.headers['content-type']).toBe('application/problem+json');
      expect(Problem.parse(JSON.parse(huge.body))).toMatchObject({ status: 431, code: 'headers_too_large' });
      const broken = await rawRequest(server.url, 'GARBAGE / HTTP/9.9\r\n\u0000\r\n\r\n');
      expect(broken.status).toBe(400);
      expect(Problem.parse(JSON.parse(broken.body))).toMatchObject({ status: 400, code: 'malformed_request' });
      const fine = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${f.tokens.cs_rep}` } });
      expect(fine.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
