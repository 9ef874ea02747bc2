import { formatDuration } from '../../lib/contract/format-duration.ts';
import type { MetricConfig } from '../config/metrics.ts';

/** A metric value in words, for health factor details ("3.2 days", "18 %"); the sidebar formats its own tiles. */
export function describeValue(value: number, format: MetricConfig['format']): string {
  switch (format) {
    case 'duration':
      return formatDuration(value);
    case 'percent':
      return `${Math.round(value * 100)} %`;
    case 'currency':
      return value.toFixed(2);
    case 'number':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}
