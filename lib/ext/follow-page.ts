import type { DetectionResult } from '../contract/messages.ts';
import type { HostReading } from '../hosts/types.ts';

/** Navigations this close after a report coalesce: only the latest is reported, at the window's end. */
export const DEBOUNCE_MS = 100;
/** How long after a navigation the DOM is watched for identifiers that render late. */
export const WATCH_MS = 10_000;
/** At most one DOM re-read per this many ms while watching (host apps mutate their DOM constantly). */
export const RECHECK_MS = 50;

export interface FollowPageOptions {
  /** Reads the page at `url` (the adapter over the live document). May throw: the follower catches. */
  read(url: URL): HostReading;
  /** Sends a detection; deduplicates by meaning and reports its own delivery failures. */
  report(result: DetectionResult): Promise<void>;
  /** Calls `onChange` after DOM mutations until the returned function disconnects it. */
  observe(onChange: () => void): () => void;
  /** Runs `task` after `ms`; returns a function that cancels it. */
  schedule(task: () => void, ms: number): () => void;
  now(): number;
  /** What to report when reading throws (the page's layout is not what the adapter knows). */
  failed(url: URL, error: unknown): DetectionResult;
}

export interface PageFollower {
  /** The page now shows `url` (first load, pushState, replaceState, back or forward). */
  show(url: URL): Promise<void>;
  stop(): void;
}

/**
 * Follows the record a host page shows. Each navigation is reported at once (the leading edge: a warm
 * sidebar renders within its 50 ms budget), then the DOM is watched, within a bound, for identifiers the
 * app renders late. A newer navigation cancels everything pending for the older one, so nothing read for
 * the previous record is ever reported after it.
 */
export function followPage(options: FollowPageOptions): PageFollower {
  const { read, report, observe, schedule, now, failed } = options;
  let generation = 0;
  let quietUntil = Number.NEGATIVE_INFINITY;
  let cancelPending: () => void = () => undefined;

  const readSafely = (url: URL): HostReading => {
    try {
      return read(url);
    } catch (error) {
      return { result: failed(url, error), settled: true };
    }
  };

  function watch(url: URL, owner: number): () => void {
    let lastCheck = now();
    let cancelCheck: (() => void) | undefined;
    const check = () => {
      cancelCheck = undefined;
      if (owner !== generation) return;
      lastCheck = now();
      const reading = readSafely(url);
      void report(reading.result);
      if (reading.settled) stop();
    };
    const disconnect = observe(() => {
      if (cancelCheck || owner !== generation) return;
      cancelCheck = schedule(check, Math.max(0, lastCheck + RECHECK_MS - now()));
    });
    const cancelDeadline = schedule(() => stop(), WATCH_MS);
    function stop() {
      disconnect();
      cancelCheck?.();
      cancelDeadline();
    }
    return stop;
  }

  function start(url: URL, owner: number): Promise<void> {
    quietUntil = now() + DEBOUNCE_MS;
    const reading = readSafely(url);
    if (!reading.settled) cancelPending = watch(url, owner);
    return report(reading.result);
  }

  return {
    show(url) {
      const owner = ++generation;
      cancelPending();
      cancelPending = () => undefined;
      const wait = quietUntil - now();
      if (wait <= 0) return start(url, owner);
      // Inside the window after a report: this URL waits for the window's end, unless a newer one replaces it.
      return new Promise<void>((resolve, reject) => {
        const cancelTimer = schedule(() => start(url, owner).then(resolve, reject), wait);
        cancelPending = () => {
          cancelTimer();
          resolve();
        };
      });
    },
    stop() {
      generation++;
      cancelPending();
      cancelPending = () => undefined;
    },
  };
}
