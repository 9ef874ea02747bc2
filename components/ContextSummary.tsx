import type { Context, EntityRef } from '../lib/contract/lookup.ts';
import { PropertyGroups } from './PropertyGroups.tsx';

/** The resolved customer: the account, then the person, each with its properties and their lineage. */
export function ContextSummary({ context, label }: { context: Context; label: string }) {
  const { account, person, status, candidates, freshness, properties } = context;
  return (
    <div className="context" data-testid="sidebar-context">
      <p className="context__subject">{label}</p>
      {freshness.stale && (
        <p className="banner" role="status">
          Some sources are stale: {freshness.staleModels.join(', ') || 'unknown models'}.
        </p>
      )}
      {status === 'none' && <p className="notice">No customer matches this page.</p>}
      {status === 'ambiguous' && <Candidates candidates={candidates} />}
      {account && (
        <section className="entity" aria-label="Account">
          <h1 className="entity__name" data-testid="account-name">
            {account.name}
          </h1>
          {account.detail && <p className="entity__detail">{account.detail}</p>}
          <PropertyGroups properties={properties.filter((p) => p.entity === 'account')} />
        </section>
      )}
      {person && (
        <section className="entity entity--person" aria-label="Person">
          <h2 className="entity__name" data-testid="person-name">
            {person.name}
          </h2>
          {person.detail && <p className="entity__detail">{person.detail}</p>}
          <PropertyGroups properties={properties.filter((p) => p.entity === 'person')} />
        </section>
      )}
    </div>
  );
}

function Candidates({ candidates }: { candidates: readonly EntityRef[] }) {
  return (
    <section className="notice" data-testid="sidebar-candidates">
      <h2 className="notice__title">Several customers could match</h2>
      <ul className="notice__list">
        {candidates.map((candidate) => (
          <li key={`${candidate.kind}:${candidate.id}`}>
            {candidate.name}
            {candidate.detail && <span className="entity__detail"> · {candidate.detail}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
