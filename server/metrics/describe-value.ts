import type { MetricConfig } from '../config/metrics.ts';

/** A metric value in words, for health factor details ("3.2 days", "18 %"); the sidebar formats its own tiles. */
export function describeValue(value: number, format: MetricConfig['format']): string {
  switch (format) {
    case 'duration': {
      const hours = value / 3600;
      if (hours < 1) return `${Math.max(0, Math.round(value / 60))} min`;
      if (hours < 48) return `${Math.round(hours)} h`;
      return `${Math.round(hours / 24)} days`;
    }
    case 'percent':
      return `${Math.round(value * 100)} %`;
    case 'currency':
      return value.toFixed(2);
    case 'number':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}
