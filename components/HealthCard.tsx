import type { HealthScore } from '../lib/contract/lookup.ts';

const BAND_LABELS: Record<HealthScore['band'], string> = { good: 'Good', watch: 'Watch', at_risk: 'At risk' };

/** The account's health: score, band, and the factors behind it, the ones pulling it down first. */
export function HealthCard({ health }: { health: HealthScore }) {
  return (
    <section className={`health health--${health.band}`} aria-label="Health" data-testid="health" data-band={health.band}>
      <div className="health__head">
        <span className="health__score" data-testid="health-score">
          {health.score}
        </span>
        <span className="health__band">{BAND_LABELS[health.band]}</span>
        <span className="health__caption">health</span>
      </div>
      <ul className="health__factors">
        {health.factors.map((factor) => (
          <li className="health__factor" key={factor.key} data-testid={`health-factor-${factor.key}`}>
            <span className="health__factor-label">{factor.label}</span>
            <span className="health__factor-detail">{factor.detail}</span>
            <meter className="health__meter" min={0} max={100} low={40} high={70} optimum={100} value={factor.score} aria-label={`${factor.label}: ${factor.score} of 100`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
