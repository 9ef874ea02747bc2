import fc from 'fast-check';
import type { createApp } from '../../../../server/http/app.ts';
import { requestArbitrary, type FuzzRequest, type Operation } from './api-requests.ts';
import { checkResponse } from './check-response.ts';
import type { JsonSchema } from './json-schema-arbitrary.ts';

export interface FuzzTally {
  requests: number;
  byStatus: Map<number, number>;
}

/** What a failing request looked like, short enough to read (a huge header or body is cut). */
export function describeRequest(req: FuzzRequest): string {
  const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, cut(v)]));
  return `${req.method} ${cut(req.url)} as ${req.caller} ${JSON.stringify(headers)} body=${req.body === undefined ? '-' : JSON.stringify(cut(req.body))}`;
}

/**
 * Sends `numRuns` generated requests to one operation through `app.request` and asserts the contract of
 * every answer (fast-check shrinks a failure to a small request and prints its seed).
 */
export async function fuzzOperation(
  app: ReturnType<typeof createApp>,
  op: Operation,
  input: { components: Record<string, JsonSchema>; tokens: Record<string, string>; known: readonly string[]; numRuns: number; seed?: number; tally?: FuzzTally },
): Promise<void> {
  const arbitrary = requestArbitrary(op, input.components, input.tokens, input.known);
  await fc.assert(
    fc.asyncProperty(arbitrary, async (req) => {
      const res = await app.request(req.url, { method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) });
      if (input.tally) {
        input.tally.requests++;
        input.tally.byStatus.set(res.status, (input.tally.byStatus.get(res.status) ?? 0) + 1);
      }
      const broken = await checkResponse(res);
      if (broken) throw new Error(`${broken}\n  request: ${describeRequest(req)}`);
    }),
    { numRuns: input.numRuns, ...(input.seed !== undefined ? { seed: input.seed } : {}), endOnFailure: false },
  );
}
