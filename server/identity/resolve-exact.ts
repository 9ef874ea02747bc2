import type { ResolvedLink } from './finish-resolution.ts';
import { linkableEmail } from './junk-values.ts';
import { NO_CONSTRAINTS, type LinkConstraints } from './link-constraints.ts';
import type { IdentityRecord, ResolutionOptions } from './resolution-state.ts';
import { resolveIdentity } from './resolve-identity.ts';

export type { ResolvedLink } from './finish-resolution.ts';
export type { IdentityRecord } from './resolution-state.ts';

/** Addresses that name a mailbox, not a person (noreply@, support@…), never link two records. */
export function isLinkableEmail(email: string): boolean {
  return linkableEmail(email) !== null;
}

/**
 * Deterministic identity: records of one kind form an entity when they share a system id (a CRM id stored
 * on a billing customer), for people an exact normalised email, for accounts a verified domain; people's
 * decisions come first (a merge links, a flag or a rejection keeps records apart, whatever the rules say).
 * Pure: the caller loads and writes. Given the same records (in store order) and constraints, the result
 * is the same. The probabilistic pass is `resolveIdentity` with `findProbable`.
 */
export function resolveExact(records: readonly IdentityRecord[], constraints: LinkConstraints = NO_CONSTRAINTS, options: Partial<ResolutionOptions> = {}): ResolvedLink[] {
  return resolveIdentity(records, constraints, options).links;
}
