import { linkableDomain } from './junk-values.ts';
import type { ResolutionState } from './resolution-state.ts';

/**
 * A domain two sets of records share, where each holds its own CRM account: the CRM says they are different
 * companies (a parent and its subsidiary on one domain, or two customers), so the domain cannot say which
 * company a record is. A person decides (an uncertain review item per pair); nothing links on the domain.
 */
export interface DomainConflict {
  domain: string;
  /** One record per company, in store order: the first of the domain's records in that company's set. */
  records: number[];
  /** Why they are kept apart, naming a parent relation where the CRM records one. */
  explanation: string;
}

/**
 * Accounts sharing a normalised domain link (`verified_domain`), never on a free-mail, reserved or
 * blocklisted domain, and not where the domain is shared by sets that each hold a CRM account. Domain
 * groups are taken in store order; a record that cannot join one group (a flag, the size limit) starts another.
 */
export function linkDomains(state: ResolutionState): DomainConflict[] {
  const { records, uf } = state;
  const byDomain = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (r.entityKind !== 'account') return;
    const domain = linkableDomain(r.domain, state.options.blocklist);
    if (!domain) return;
    const list = byDomain.get(domain);
    if (list) list.push(i);
    else byDomain.set(domain, [i]);
  });

  const conflicts: DomainConflict[] = [];
  for (const [domain, members] of byDomain) {
    if (members.length < 2) continue;
    const companies = new Map<number, number>();
    for (const i of members) {
      if (!uf.holdsCompany(i)) continue;
      const root = uf.find(i);
      if (!companies.has(root)) companies.set(root, i);
    }
    if (companies.size >= 2) {
      conflicts.push({ domain, records: [...companies.values()], explanation: conflictExplanation(state, domain, [...companies.keys()]) });
      continue;
    }
    const groups: number[] = [];
    for (const i of members) {
      let joined = false;
      for (const j of groups) {
        const outcome = uf.union(i, j, 'inferred', 'verified_domain');
        if (outcome !== 'joined' && outcome !== 'same') continue;
        joined = true;
        state.mark(i, 'verified_domain', `same domain ${domain} as ${state.describe(j)}`);
        state.mark(j, 'verified_domain', `same domain ${domain} as ${state.describe(i)}`);
      }
      if (!joined) groups.push(i);
    }
  }
  return conflicts;
}

/** "both use acme.com, but the CRM keeps them as 2 companies; crm record B names crm record A as its parent". */
function conflictExplanation(state: ResolutionState, domain: string, roots: readonly number[]): string {
  const { records, uf } = state;
  const inConflict = new Set(roots);
  const companyByKey = new Map<string, number>();
  records.forEach((r, i) => r.company && companyByKey.set(`${r.source}|${r.matchKey}`, i));
  const parents: string[] = [];
  records.forEach((r, child) => {
    if (!r.company || !r.parentKey || !inConflict.has(uf.find(child))) return;
    const parent = companyByKey.get(`${r.source}|${r.parentKey}`);
    if (parent !== undefined && inConflict.has(uf.find(parent)) && uf.find(parent) !== uf.find(child)) {
      parents.push(`${state.describe(child)} names ${state.describe(parent)} as its parent`);
    }
  });
  return `both use the domain ${domain}, but the CRM keeps them as ${roots.length} companies${parents.length ? `; ${parents.join('; ')}` : ''}`;
}
