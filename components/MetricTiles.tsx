import { useState } from 'react';
import type { MetricValue } from '../lib/contract/lookup.ts';
import { formatAge } from './format.ts';
import { formatMetricValue, pickWindow, sparklineFor, trendOf, WINDOW_LABELS, WINDOW_NAMES, type WindowName } from './metric-format.ts';
import { Sparkline } from './Sparkline.tsx';

/** Governed metrics as tiles, with one window switcher for all of them, a trend and a sparkline each. */
export function MetricTiles({ metrics, now }: { metrics: readonly MetricValue[]; now: number }) {
  const [chosen, setChosen] = useState<WindowName>('30d');
  if (metrics.length === 0) return null;
  return (
    <section className="metrics" aria-label="Metrics" data-testid="metrics">
      <div className="metrics__bar">
        <h3 className="group__title">Metrics</h3>
        <div className="window-switch" role="radiogroup" aria-label="Time window">
          {WINDOW_NAMES.map((name) => (
            <button
              key={name}
              type="button"
              role="radio"
              aria-checked={chosen === name}
              className={`window-switch__option${chosen === name ? ' window-switch__option--on' : ''}`}
              onClick={() => setChosen(name)}
            >
              {WINDOW_LABELS[name]}
            </button>
          ))}
        </div>
      </div>
      <ul className="metrics__grid">
        {metrics.map((metric) => (
          <MetricTile key={`${metric.entity}:${metric.key}`} metric={metric} chosen={chosen} now={now} />
        ))}
      </ul>
    </section>
  );
}

function MetricTile({ metric, chosen, now }: { metric: MetricValue; chosen: WindowName; now: number }) {
  const window = pickWindow(metric, chosen);
  const trend = window ? trendOf(metric, window) : null;
  const scope = window && window.window !== 'all' ? `last ${WINDOW_LABELS[window.window]}` : 'now';
  return (
    <li className="metric" data-testid={`metric-${metric.key}`} data-window={window?.window ?? ''}>
      <span className="metric__label">
        {metric.label} <span className="metric__scope">{scope}</span>
      </span>
      <span className="metric__value" data-testid={`metric-${metric.key}-value`}>
        {formatMetricValue(window?.value ?? null, metric.format)}
      </span>
      {trend && (
        <span className={`metric__trend metric__trend--${trend.direction}${trend.good === null ? '' : trend.good ? ' metric__trend--good' : ' metric__trend--bad'}`}>
          {trend.direction === 'up' ? '▲' : trend.direction === 'down' ? '▼' : '•'} {trend.text}
        </span>
      )}
      <Sparkline points={sparklineFor(metric, chosen)} label={`${metric.label} per day`} />
      {metric.staleSince && (
        <span className="metric__stale" title="A source of this metric is past its freshness target">
          stale: data from {formatAge(metric.staleSince, now)}
        </span>
      )}
    </li>
  );
}
