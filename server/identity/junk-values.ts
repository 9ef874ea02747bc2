import { normaliseDomain, normaliseEmail } from '../../lib/contract/index.ts';
import type { IdentityConfig } from '../config/schema.ts';
import { FREE_MAIL_DOMAINS } from './free-mail-domains.ts';

/**
 * Values that look like identifiers but name nobody in particular: a link on them would merge strangers.
 * Exports and forms fill empty fields with `null`, `unknown` or zeros; mailboxes (noreply@, support@) are
 * shared by design; a free-mail domain is everyone's. Each check returns the normalised value when it may
 * link, null when it never links.
 */
export interface Blocklist {
  emails: ReadonlySet<string>;
  domains: ReadonlySet<string>;
}

export const NO_BLOCKLIST: Blocklist = { emails: new Set(), domains: new Set() };

export function compileBlocklist(config: IdentityConfig['blocklist']): Blocklist {
  return {
    emails: new Set(config.emails.flatMap((e) => normaliseEmail(e) ?? [])),
    domains: new Set(config.domains.flatMap((d) => normaliseDomain(d) ?? [])),
  };
}

/** Local parts of addresses that reach a mailbox or a placeholder, not a person. */
const JUNK_LOCAL_PART = /^(no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|test|testing|test\d+|null|none|nobody|unknown|n\/a|na|admin|info|support|billing|example|email)([+].*)?$/;

/** Placeholders typed where a value was required. */
const PLACEHOLDERS = new Set(['', 'null', 'nil', 'none', 'undefined', 'unknown', 'n/a', 'na', '-', '--', '?', 'tbd', 'x']);

/** Domains that stand for "no domain" (RFC 2606's reserved names and what forms get instead of one). */
const JUNK_DOMAINS = new Set(['example.com', 'example.org', 'example.net', 'test.com', 'domain.com', 'company.com', 'email.com', 'none.com', 'unknown.com', 'noemail.com', 'nomail.com']);

export function linkableEmail(raw: string | null | undefined, blocklist: Blocklist = NO_BLOCKLIST): string | null {
  if (typeof raw !== 'string' || PLACEHOLDERS.has(raw.trim().toLowerCase())) return null;
  const email = normaliseEmail(raw);
  if (!email || blocklist.emails.has(email)) return null;
  return JUNK_LOCAL_PART.test(email.slice(0, email.lastIndexOf('@'))) ? null : email;
}

/** A domain that says which company an account is: never a free-mail, reserved or blocklisted one. */
export function linkableDomain(raw: string | null | undefined, blocklist: Blocklist = NO_BLOCKLIST): string | null {
  if (typeof raw !== 'string' || PLACEHOLDERS.has(raw.trim().toLowerCase())) return null;
  // A billing email stands in for a domain in some sources: its part after @ is the domain.
  const domain = normaliseDomain(raw.includes('@') ? raw.slice(raw.lastIndexOf('@') + 1) : raw);
  if (!domain || FREE_MAIL_DOMAINS.has(domain) || JUNK_DOMAINS.has(domain) || blocklist.domains.has(domain)) return null;
  return domain;
}

/** A shared system id worth following: not a placeholder, not all zeros (`0`, `000000`, a nil UUID, `000000000000000AAA`). */
export function linkableId(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string') return false;
  const id = raw.trim().toLowerCase();
  if (PLACEHOLDERS.has(id)) return false;
  return !/^0+(aaa)?$/.test(id.replace(/[^a-z0-9]/g, ''));
}
