import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HealthCard } from '../../components/HealthCard.tsx';
import { formatMetricValue, pickWindow, sparklineFor, trendOf } from '../../components/metric-format.ts';
import { MetricTiles } from '../../components/MetricTiles.tsx';
import type { HealthScore, MetricValue } from '../../lib/contract/index.ts';

const windows = (value: number, previous: number, change: number | null) =>
  (['24h', '7d', '30d', '90d'] as const).map((window) => ({ window, value, previous, change })).concat([{ window: 'all' as never, value: value * 10, previous: null as never, change: null }]);

const USAGE: MetricValue = {
  key: 'usage', label: 'Product usage', entity: 'account', format: 'number', windows: windows(120, 100, 0.2),
  sparkline: Array.from({ length: 90 }, (_, i) => i % 7), lowerIsBetter: false, staleSince: null,
};
const FAILED: MetricValue = { ...USAGE, key: 'failed', label: 'Failed charges', windows: windows(3, 1, 2), lowerIsBetter: true, sparkline: [] };
const MRR: MetricValue = { ...USAGE, key: 'mrr', label: 'MRR', format: 'currency', windows: [{ window: 'all', value: 1500.5, previous: null, change: null }], sparkline: [], staleSince: '2026-11-20T00:00:00Z' };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('metric tiles', () => {
  it('show each metric for the 30-day window with its trend, and current-state metrics as now', () => {
    const html = renderToStaticMarkup(<MetricTiles metrics={[USAGE, FAILED, MRR]} now={Date.parse('2026-11-25T00:00:00Z')} />);
    expect(text(html)).toContain('Product usage last 30 d 120');
    expect(html).toContain('metric__trend--up metric__trend--good');
    // More failed charges is bad news even though the number went up.
    expect(html).toContain('metric__trend--up metric__trend--bad');
    expect(text(html)).toMatch(/MRR now 1,500\.50/);
    expect(text(html)).toContain('stale: data from');
    expect(html).toContain('aria-checked="true"');
    expect(html.match(/<polyline/g)).toHaveLength(1);
  });

  it('render nothing without metrics', () => {
    expect(renderToStaticMarkup(<MetricTiles metrics={[]} now={0} />)).toBe('');
  });

  it.each([
    [null, 'number', '—'],
    [0.4, 'percent', '40%'],
    [90, 'duration', '2 min'],
    [7200, 'duration', '2 h'],
    [3 * 86400, 'duration', '3 days'],
  ] as const)('format %s as %s: %s', (value, format, expected) => {
    expect(formatMetricValue(value, format).replace(/\s/g, '')).toBe(expected.replace(/\s/g, ''));
  });

  it('fall back to the current value for a window a metric does not have, and show no trend for all time', () => {
    expect(pickWindow(MRR, '7d')?.window).toBe('all');
    expect(trendOf(USAGE, pickWindow(USAGE, 'all')!)).toBeNull();
    expect(trendOf(USAGE, pickWindow(USAGE, '7d')!)).toMatchObject({ direction: 'up', good: true });
    expect(sparklineFor(USAGE, '7d')).toHaveLength(30);
    expect(sparklineFor(USAGE, '90d')).toHaveLength(90);
  });
});

describe('health card', () => {
  it('shows the score, the band and the factors in the order the backend ranks them', () => {
    const health: HealthScore = {
      score: 38, band: 'at_risk',
      factors: [
        { key: 'usage', label: 'Active users', score: 10, weight: 0.6, detail: '1 (last 30d)' },
        { key: 'billing', label: 'Failed charges', score: 100, weight: 0.4, detail: '0 (last 90d)' },
      ],
    };
    const html = renderToStaticMarkup(<HealthCard health={health} />);
    expect(text(html)).toMatch(/38 At risk health Active users 1 \(last 30d\) .*Failed charges/);
    expect(html).toContain('data-band="at_risk"');
  });
});
