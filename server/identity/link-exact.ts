import { linkableEmail, linkableId } from './junk-values.ts';
import type { LinkConstraints } from './link-constraints.ts';
import type { ResolutionState } from './resolution-state.ts';

/** Merged review items: the records share an entity unless a must-not-link forbids it (no automatic limit applies). */
export function linkMustLinks(state: ResolutionState, mustLink: LinkConstraints['mustLink']): void {
  const { records } = state;
  for (const merge of mustLink) {
    for (const i of state.lookup(merge.entityKind, merge.key)) {
      for (const other of merge.others) {
        for (const j of state.lookup(merge.entityKind, other)) {
          if (i === j || state.uf.union(i, j, 'manual', 'manual_merge') === 'blocked') continue;
          const by = { by: merge.decidedBy, at: merge.decidedAt };
          state.mark(i, 'manual_merge', `merged with ${records[j]!.source} record ${records[j]!.sourceId} by ${merge.decidedBy}`, by);
          state.mark(j, 'manual_merge', `merged with ${records[i]!.source} record ${records[i]!.sourceId} by ${merge.decidedBy}`, by);
        }
      }
    }
  }
}

/** A record that stores another source's id for the same customer (a CRM id on a billing customer). */
export function linkSharedIds(state: ResolutionState): void {
  const { records } = state;
  const byKey = new Map<string, number>();
  records.forEach((r, i) => byKey.set(`${r.entityKind}|${r.source}|${r.matchKey}`, i));
  records.forEach((r, i) => {
    for (const ref of r.sameAs) {
      if (!linkableId(ref.key)) continue;
      const j = byKey.get(`${r.entityKind}|${ref.source}|${ref.key}`);
      if (j === undefined || j === i) continue;
      const outcome = state.uf.union(i, j, 'stated', 'shared_system_id');
      if (outcome !== 'joined' && outcome !== 'same') continue;
      const other = records[j]!;
      state.mark(i, 'shared_system_id', `${ref.column} on this ${r.source} record is ${other.source} id ${other.sourceId}`);
      state.mark(j, 'shared_system_id', `${r.source} record ${r.sourceId} stores this record's id in ${ref.column}`);
    }
  });
}

/**
 * People with the same normalised email, mailboxes and blocklisted addresses left out. Records sharing an
 * email join the first one seen; when a constraint keeps some of them apart, a later record tries each
 * separate group, so the others still link to each other.
 */
export function linkEmails(state: ResolutionState): void {
  const { records } = state;
  const byEmail = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (r.entityKind !== 'person') return;
    const email = linkableEmail(r.email, state.options.blocklist);
    if (!email) return;
    const groups = byEmail.get(email);
    if (!groups) {
      byEmail.set(email, [i]);
      return;
    }
    let joined = false;
    for (const j of groups) {
      const outcome = state.uf.union(i, j, 'stated', 'exact_email');
      if (outcome !== 'joined' && outcome !== 'same') continue;
      joined = true;
      const other = records[j]!;
      state.mark(i, 'exact_email', `same email ${email} as ${other.source} record ${other.sourceId}`);
      state.mark(j, 'exact_email', `same email ${email} as ${r.source} record ${r.sourceId}`);
    }
    if (!joined) groups.push(i);
  });
}
