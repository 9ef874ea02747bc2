import { Problem, PROBLEM_CONTENT_TYPE } from '../../../../lib/contract/index.ts';

export interface LoadOptions {
  url: string;
  /** Tokens whose clients send as fast as they can and ignore Retry-After. */
  greedyTokens: string[];
  /** A token whose client sends `politeRps` requests a second, within its limit: it must never see a 429. */
  politeToken: string;
  politeRps: number;
  concurrency: number;
  durationMs: number;
  bodies: string[];
  onSecond?: (second: number, tally: LoadTally) => void;
}

export interface LoadTally {
  requests: number;
  ok: number;
  limited: number;
  /** Anything but a 200 or a well-formed 429 (status, missing Retry-After, not problem+json, a network error). */
  errors: string[];
  errorCount: number;
  politeRequests: number;
  politeLimited: number;
  latenciesMs: number[];
}

async function send(url: string, token: string, body: string, tally: LoadTally, polite: boolean): Promise<void> {
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(`${url}/v1/lookup`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  } catch (error) {
    tally.errorCount++;
    if (tally.errors.length < 10) tally.errors.push(`network: ${(error as Error).message}`);
    return;
  }
  const text = await res.text();
  tally.requests++;
  if (polite) tally.politeRequests++;
  if (res.status === 200) {
    tally.ok++;
    if (tally.latenciesMs.length < 200_000) tally.latenciesMs.push(performance.now() - started);
    return;
  }
  if (res.status === 429) {
    tally.limited++;
    if (polite) tally.politeLimited++;
    const retryAfter = Number(res.headers.get('retry-after'));
    const wellFormed = Number.isInteger(retryAfter) && retryAfter >= 1 && res.headers.get('content-type') === PROBLEM_CONTENT_TYPE && Problem.safeParse(JSON.parse(text)).success;
    if (wellFormed) return;
  }
  tally.errorCount++;
  if (tally.errors.length < 10) tally.errors.push(`${res.status} retry-after=${res.headers.get('retry-after')}: ${text.slice(0, 200)}`);
}

/**
 * Sustained lookups against a running server: `concurrency` greedy clients spread over the greedy tokens,
 * plus one polite client, for `durationMs`. Counts 200s, 429s and anything else.
 */
export async function runLookupLoad(options: LoadOptions): Promise<LoadTally> {
  const tally: LoadTally = { requests: 0, ok: 0, limited: 0, errors: [], errorCount: 0, politeRequests: 0, politeLimited: 0, latenciesMs: [] };
  const until = performance.now() + options.durationMs;
  let n = 0;
  const greedy = Array.from({ length: options.concurrency }, async (_, worker) => {
    const token = options.greedyTokens[worker % options.greedyTokens.length]!;
    while (performance.now() < until) await send(options.url, token, options.bodies[n++ % options.bodies.length]!, tally, false);
  });
  const polite = (async () => {
    const gap = 1000 / options.politeRps;
    for (let next = performance.now(); next < until; next += gap) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await send(options.url, options.politeToken, options.bodies[0]!, tally, true);
    }
  })();
  const started = performance.now();
  const ticker = options.onSecond
    ? setInterval(() => options.onSecond!(Math.round((performance.now() - started) / 1000), tally), 1000)
    : undefined;
  try {
    await Promise.all([...greedy, polite]);
  } finally {
    if (ticker) clearInterval(ticker);
  }
  return tally;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
