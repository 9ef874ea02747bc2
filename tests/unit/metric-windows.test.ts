import { describe, expect, it } from 'vitest';
import { changeBetween, sparklineIndex, windowBounds } from '../../server/metrics/windows.ts';
import { bandOf, scoreHealth, scoreOnCurve } from '../../server/metrics/score-health.ts';
import { describeValue } from '../../server/metrics/describe-value.ts';
import type { ComputedMetric } from '../../server/metrics/compute-metrics.ts';

const ANCHOR = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

describe('metric windows', () => {
  it.each([
    ['24h', DAY],
    ['7d', 7 * DAY],
    ['30d', 30 * DAY],
    ['90d', 90 * DAY],
  ] as const)('%s ends at the anchor with a prior window of the same length before it', (window, length) => {
    const bounds = windowBounds(ANCHOR, window);
    expect(bounds.end).toEqual(ANCHOR);
    expect(ANCHOR.getTime() - bounds.start!.getTime()).toBe(length);
    expect(bounds.prior).toEqual({ start: new Date(ANCHOR.getTime() - 2 * length), end: bounds.start });
  });

  it('has no start and no prior for all time', () => {
    expect(windowBounds(ANCHOR, 'all')).toEqual({ start: null, end: ANCHOR, prior: null });
  });

  it.each([
    [10, 5, 1],
    [5, 10, -0.5],
    [0, 0, 0],
    [3, 0, null],
    [null, 4, null],
    [4, null, null],
    [-2, -4, 0.5],
  ])('change from %s to %s is %s', (value, previous, change) => {
    expect(changeBetween(value, previous)).toBe(change);
  });

  it.each([
    [0, 89],
    [DAY - 1, 89],
    [DAY, 88],
    [89 * DAY, 0],
    [90 * DAY, -1],
    [-1, -1],
  ])('a record %i ms old lands on sparkline point %i', (age, index) => {
    expect(sparklineIndex(age)).toBe(index);
  });
});

describe('health', () => {
  const curve: [number, number][] = [[0, 0], [2, 50], [8, 100]];
  it.each([
    [-5, 0],
    [0, 0],
    [1, 25],
    [2, 50],
    [5, 75],
    [8, 100],
    [100, 100],
  ])('scores %s as %s on the curve', (value, score) => {
    expect(scoreOnCurve(curve, value)).toBe(score);
  });

  it('treats two points at the same value as a step', () => {
    const step: [number, number][] = [[0, 100], [1, 100], [1, 20], [5, 20]];
    expect(scoreOnCurve(step, 0.99)).toBe(100);
    expect(scoreOnCurve(step, 1)).toBe(100);
    expect(scoreOnCurve(step, 1.01)).toBe(20);
  });

  it.each([
    [70, 'good'],
    [69, 'watch'],
    [40, 'watch'],
    [39, 'at_risk'],
  ] as const)('puts %i in band %s', (score, band) => {
    expect(bandOf(score, { good: 70, watch: 40 })).toBe(band);
  });

  const metric = (key: string, value: number | null): ComputedMetric => ({ key, windows: [{ window: 'all', value, previous: null, change: null }], sparkline: [] });
  const config = {
    bands: { good: 70, watch: 40 },
    factors: [
      { key: 'a', label: 'A', metric: 'a', window: 'all' as const, weight: 1, curve: [[0, 0], [10, 100]] as [number, number][] },
      { key: 'b', label: 'B', metric: 'b', window: 'all' as const, weight: 3, curve: [[0, 0], [10, 100]] as [number, number][] },
    ],
  };

  it('weights factors and lists the costliest first', () => {
    const health = scoreHealth(config, new Map([['a', metric('a', 0)], ['b', metric('b', 10)]]));
    expect(health).toMatchObject({ score: 75, band: 'good' });
    expect(health!.factors.map((f) => [f.key, f.score, f.weight])).toEqual([['a', 0, 0.25], ['b', 100, 0.75]]);
  });

  it('leaves out a factor without data and renormalises the others', () => {
    const health = scoreHealth(config, new Map([['a', metric('a', 5)], ['b', metric('b', null)]]));
    expect(health).toMatchObject({ score: 50, band: 'watch', factors: [{ key: 'a', weight: 1 }] });
    expect(scoreHealth(config, new Map())).toBeNull();
  });

  it.each([
    [90, 'duration', '2 min'],
    [3 * 3600, 'duration', '3 h'],
    [5 * 86400, 'duration', '5 days'],
    [0.183, 'percent', '18 %'],
    [12.5, 'currency', '12.50'],
    [3, 'number', '3'],
  ] as const)('describes %s as %s: %s', (value, format, text) => {
    expect(describeValue(value, format)).toBe(text);
  });
});
