/**
 * When the outbox tries again, and what it gives up on: pure, so the tables beside it pin the policy.
 * Exponential backoff with jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): many
 * extensions retrying against a backend that just came back do not arrive in step.
 */
export interface RetryPolicy {
  /** The ceiling of the first retry's delay; each later one doubles it... */
  baseMs: number;
  /** ...up to this. */
  maxMs: number;
  /**
   * How long an entry keeps trying before it fails and the user is told. The backend keeps idempotency
   * keys longer than this, so every retry inside the window is recognised as the same request.
   */
  windowMs: number;
}

export const RETRY_POLICY: RetryPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, windowMs: 24 * 60 * 60_000 };

/**
 * The wait before attempt `attempt + 1`, after `attempt` attempts (1 or more) went wrong: half the
 * exponential ceiling plus a random share of the other half ("equal jitter"), so it never collapses to 0.
 */
export function retryDelay(attempt: number, random: () => number = Math.random, policy: RetryPolicy = RETRY_POLICY): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type FailureHandling = 'retry' | 'fail';

/**
 * No answer, a timeout (408), too many requests (429) or a server error: the same request may succeed
 * later. Any other 4xx (invalid, not found, not allowed, key reused with another body) will not.
 */
export function handlingOf(status: number | null): FailureHandling {
  if (status === null || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'fail';
}
