import { describe, expect, it } from 'vitest';
import { RETRY_POLICY, handlingOf, retryDelay } from '../../lib/ext/outbox-policy.ts';

describe('retryDelay', () => {
  it.each([
    // attempt, random, delay: half the ceiling plus a random share of the other half
    [1, 0, 1_000],
    [1, 1, 2_000],
    [2, 1, 4_000],
    [3, 0.5, 6_000],
    [5, 1, 32_000],
    [9, 1, 512_000],
    [10, 1, 600_000], // the ceiling stops at ten minutes...
    [40, 0, 300_000], // ...however many attempts went before
  ])('after %i attempt(s) with random %f waits %i ms', (attempt, random, delay) => {
    expect(retryDelay(attempt, () => random)).toBe(delay);
  });

  it('keeps trying for a day before an entry fails', () => {
    expect(RETRY_POLICY.windowMs).toBe(24 * 3_600_000);
  });
});

describe('handlingOf', () => {
  it.each([
    [null, 'retry'], // no answer: the backend is down or the network is
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [400, 'fail'],
    [401, 'fail'],
    [403, 'fail'],
    [404, 'fail'],
    [409, 'fail'],
    [422, 'fail'],
  ] as const)('HTTP %s: %s', (status, handling) => {
    expect(handlingOf(status)).toBe(handling);
  });
});
