/**
 * A token bucket per API token, in this process: `perMinute` requests a minute on average, with bursts of
 * up to ten seconds' worth. Replicas each keep their own buckets, so N replicas allow N times the rate;
 * that bounds a runaway client, which is the point, without a shared store on the hot path.
 */
export class RateLimiter {
  readonly #perSecond: number;
  readonly #capacity: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(perMinute: number) {
    this.#perSecond = perMinute / 60;
    this.#capacity = Math.max(10, this.#perSecond * 10);
  }

  /** Takes one request from the key's bucket: 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.#perSecond);
  }
}
