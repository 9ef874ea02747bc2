import type { HealthScore } from '../../lib/contract/index.ts';
import type { HealthConfig, HealthFactorConfig, MetricConfig } from '../config/metrics.ts';
import type { ComputedMetric } from './compute-metrics.ts';
import { describeValue } from './describe-value.ts';

/** A factor's score for a value: linear between the curve's points, flat beyond its ends. */
export function scoreOnCurve(curve: HealthFactorConfig['curve'], value: number): number {
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  if (value <= first[0]) return first[1];
  if (value >= last[0]) return last[1];
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i]!;
    if (value > x1) continue;
    const [x0, y0] = curve[i - 1]!;
    return x1 === x0 ? y1 : y0 + ((value - x0) / (x1 - x0)) * (y1 - y0);
  }
  return last[1];
}

export function bandOf(score: number, bands: HealthConfig['bands']): HealthScore['band'] {
  return score >= bands.good ? 'good' : score >= bands.watch ? 'watch' : 'at_risk';
}


/**
 * The health score (0..100) of one account: the weighted mean of its factors' scores. A factor without a
 * value is left out and the others' weights renormalised; no factor with a value -> no score. Factors are
 * ordered by how many points each costs the score, so the first ones are the reasons it is low.
 */
export function scoreHealth(
  health: HealthConfig,
  metrics: ReadonlyMap<string, ComputedMetric>,
  formatOf: (metric: string) => MetricConfig['format'] = () => 'number',
): HealthScore | null {
  const scored = health.factors.flatMap((factor) => {
    const value = metrics.get(factor.metric)?.windows.find((w) => w.window === factor.window)?.value ?? null;
    if (value === null) return [];
    return [{ factor, value, score: scoreOnCurve(factor.curve, value) }];
  });
  const totalWeight = scored.reduce((sum, f) => sum + f.factor.weight, 0);
  if (scored.length === 0 || totalWeight === 0) return null;
  const score = scored.reduce((sum, f) => sum + f.score * f.factor.weight, 0) / totalWeight;
  const factors = scored
    .map((f) => ({
      key: f.factor.key,
      label: f.factor.label,
      score: Math.round(f.score),
      weight: f.factor.weight / totalWeight,
      detail: `${describeValue(f.value, formatOf(f.factor.metric))} (${f.factor.window === 'all' ? 'now' : `last ${f.factor.window}`})`,
      cost: ((100 - f.score) * f.factor.weight) / totalWeight,
    }))
    .sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key))
    .map(({ cost: _cost, ...factor }) => factor);
  const rounded = Math.round(score);
  return { score: rounded, band: bandOf(rounded, health.bands), factors };
}
