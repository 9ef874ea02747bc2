/** What sampled values look like: emails, domains, dates, JSON, and ids that belong to a known system. */

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}$/i;
const DOMAIN = /^(https?:\/\/)?(www\.)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}\/?(\/\S*)?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;

export const isEmail = (text: string): boolean => EMAIL.test(text.trim());
export const isDomainLike = (text: string): boolean => !text.includes('@') && DOMAIN.test(text.trim());
export const isDateText = (text: string): boolean => ISO_DATE.test(text.trim()) && !Number.isNaN(Date.parse(text.trim().replace(' ', 'T')));

const EARLIEST_SECONDS = Date.UTC(1990, 0, 1) / 1000;
const LATEST_SECONDS = Date.UTC(2100, 0, 1) / 1000;

/** An integer that reads as a moment since 1970: in seconds (needs converting) or milliseconds (the contract takes it). */
export function epochUnit(value: unknown): 'seconds' | 'milliseconds' | null {
  const n = typeof value === 'number' || typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^\d{9,13}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n)) return null;
  if (n >= EARLIEST_SECONDS && n < LATEST_SECONDS) return 'seconds';
  if (n >= EARLIEST_SECONDS * 1000 && n < LATEST_SECONDS * 1000) return 'milliseconds';
  return null;
}

/** A JSON object, whether the driver parsed it or it is still text. */
export function isJsonObject(value: unknown): boolean {
  if (value !== null && typeof value === 'object') return !Array.isArray(value) && !(value instanceof Date);
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/**
 * Systems whose ids have a shape of their own. `prefixed` is a `ws_…`/`usr_…` id minted by an app (most
 * often the company's own product); Zendesk's plain numbers have no shape, so only names tell them.
 */
export type IdSystem = 'salesforce' | 'stripe' | 'intercom' | 'prefixed';

/** Salesforce key prefixes of the objects a customer record lives in (Account, Contact, Lead, Opportunity, Case, User). */
export const SALESFORCE_PREFIXES: Record<string, string> = { '001': 'account', '003': 'contact', '00Q': 'lead', '006': 'opportunity', '500': 'case', '005': 'user' };
const SALESFORCE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const STRIPE = /^(cus|sub|ch|in|pi|py|prod|price|acct|pm|src|card|cs|si|ii|txn|re)_[A-Za-z0-9]{8,}$/;
const INTERCOM = /^[0-9a-f]{24}$/;
const PREFIXED = /^[a-z]{2,6}_[A-Za-z0-9]{6,}$/;

export function idSystemOf(value: unknown): IdSystem | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (SALESFORCE.test(text) && SALESFORCE_PREFIXES[text.slice(0, 3)] && /[a-zA-Z]/.test(text.slice(3)) && /\d/.test(text)) return 'salesforce';
  if (STRIPE.test(text)) return 'stripe';
  if (INTERCOM.test(text)) return 'intercom';
  if (PREFIXED.test(text)) return 'prefixed';
  return null;
}

/** A value as a short readable example. */
export function exampleOf(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
