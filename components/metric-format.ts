import { formatDuration } from '../lib/contract/format-duration.ts';
import type { MetricValue } from '../lib/contract/lookup.ts';

export type WindowName = MetricValue['windows'][number]['window'];
export const WINDOW_NAMES: readonly WindowName[] = ['24h', '7d', '30d', '90d', 'all'];
export const WINDOW_LABELS: Record<WindowName, string> = { '24h': '24 h', '7d': '7 d', '30d': '30 d', '90d': '90 d', all: 'All' };

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const amountFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const changeFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });

/** A metric value as the tile shows it; durations are seconds (time since the last login). */
export function formatMetricValue(value: number | null, format: MetricValue['format']): string {
  if (value === null) return '—';
  switch (format) {
    case 'currency':
      return amountFormat.format(value);
    case 'percent':
      return percentFormat.format(value);
    case 'duration':
      return formatDuration(value);
    case 'number':
      return numberFormat.format(value);
  }
}

/** The window a metric shows for the chosen one: current-state metrics have only `all`. */
export function pickWindow(metric: MetricValue, chosen: WindowName): MetricValue['windows'][number] | null {
  return metric.windows.find((w) => w.window === chosen) ?? metric.windows.find((w) => w.window === 'all') ?? null;
}

export type Trend = { text: string; direction: 'up' | 'down' | 'flat'; good: boolean | null };

/** The change against the prior window, and whether it is good news given the metric's direction. */
export function trendOf(metric: MetricValue, window: MetricValue['windows'][number]): Trend | null {
  if (window.window === 'all' || window.change === null) return null;
  const direction = window.change > 0.005 ? 'up' : window.change < -0.005 ? 'down' : 'flat';
  const good = direction === 'flat' ? null : (direction === 'up') !== metric.lowerIsBetter;
  return { text: `${changeFormat.format(window.change)} vs prior ${WINDOW_LABELS[window.window]}`, direction, good };
}

/** The sparkline points for a window: the last 30 days up to 30 d, all 90 beyond. */
export function sparklineFor(metric: MetricValue, chosen: WindowName): number[] {
  if (metric.sparkline.length === 0) return [];
  return chosen === '90d' || chosen === 'all' ? metric.sparkline : metric.sparkline.slice(-30);
}
