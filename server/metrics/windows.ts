/**
 * Metric windows (DESIGN section 6): each ends at the anchor (now, or a lookup's `asOf`) and has a prior
 * window of the same length just before it, for the trend. `all` has no prior.
 */
export const WINDOWS = ['24h', '7d', '30d', '90d', 'all'] as const;
export type MetricWindowName = (typeof WINDOWS)[number];

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
export const WINDOW_MS: Record<Exclude<MetricWindowName, 'all'>, number> = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS };

/** Days in a sparkline: one point per 24 hours ending at the anchor, oldest first. */
export const SPARKLINE_DAYS = 90;

export interface WindowBounds {
  /** Records with start < time <= end fall in the window (start null: since the beginning). */
  start: Date | null;
  end: Date;
  prior: { start: Date; end: Date } | null;
}

export function windowBounds(anchor: Date, window: MetricWindowName): WindowBounds {
  if (window === 'all') return { start: null, end: anchor, prior: null };
  const length = WINDOW_MS[window];
  const start = new Date(anchor.getTime() - length);
  return { start, end: anchor, prior: { start: new Date(start.getTime() - length), end: start } };
}

/** The change from the prior window as a fraction (0.25 = up 25 %); null when there is nothing to compare. */
export function changeBetween(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  if (previous === 0) return value === 0 ? 0 : null;
  return (value - previous) / Math.abs(previous);
}

/** Which sparkline point (0 = oldest) a record `ageMs` before the anchor belongs to; -1 outside the series. */
export function sparklineIndex(ageMs: number, days = SPARKLINE_DAYS): number {
  if (ageMs < 0) return -1;
  const daysAgo = Math.floor(ageMs / DAY_MS);
  return daysAgo >= days ? -1 : days - 1 - daysAgo;
}
