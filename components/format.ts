import type { IdentifierType } from '../lib/contract/identifiers.ts';
import type { Property } from '../lib/contract/lookup.ts';

/**
 * How a value reads in the sidebar: text only (customer values are never markup), plus an `href` where the
 * format is a link we can open safely (http(s) and mailto only).
 */
export interface FormattedValue {
  text: string;
  href: string | null;
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
// The contract carries no currency code (yet), so amounts read as plain numbers with cents, no symbol:
// a "$" in front of an amount billed in euros would be a lie.
const amountFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Percentages arrive as fractions (0.25 = 25 %), Intl's convention.
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const plain = (text: string): FormattedValue => ({ text, href: null });

export function formatPropertyValue({ value, format }: Pick<Property, 'value' | 'format'>): FormattedValue {
  if (value === null || value === '') return plain('—');
  if (typeof value === 'boolean') return plain(value ? 'Yes' : 'No');
  switch (format) {
    case 'number':
      return plain(typeof value === 'number' ? numberFormat.format(value) : value);
    case 'currency':
      return plain(asNumber(value) === null ? String(value) : amountFormat.format(asNumber(value)!));
    case 'percent':
      return plain(asNumber(value) === null ? String(value) : percentFormat.format(asNumber(value)!));
    case 'date': {
      const date = new Date(value);
      return plain(Number.isNaN(date.getTime()) ? String(value) : dateFormat.format(date));
    }
    case 'url':
      return { text: String(value), href: webLink(String(value)) };
    case 'email': {
      const text = String(value);
      return { text, href: /^[^\s@/?#]+@[^\s@/?#]+$/.test(text) ? `mailto:${text}` : null };
    }
    case 'text':
      return plain(typeof value === 'number' ? numberFormat.format(value) : value);
  }
}

function asNumber(value: string | number): number | null {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/** An http(s) link for a URL or a bare domain ("acme.example"); null for anything else (javascript:, data:…). */
export function webLink(value: string): string | null {
  const text = value.trim();
  const url = URL.parse(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') ? url.href : null;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "5 min. ago", "yesterday", "in 3 days": how old a value is, at a glance. */
export function formatAge(at: number | string, now: number): string {
  let amount = (new Date(at).getTime() - now) / 1000;
  if (Math.abs(amount) < 10) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return relative.format(Math.round(amount), 'year');
}

// One formatter for every value: `toLocaleString` with options builds a new one (an ICU lookup) per call,
// which a sidebar of a few dozen properties pays on every render.
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(at: number | string): string {
  return dateTimeFormat.format(new Date(at));
}

export function formatConfidence(confidence: number): string {
  return percentFormat.format(confidence);
}

const IDENTIFIER_LABELS: Record<IdentifierType, string> = {
  email: 'Email',
  domain: 'Domain',
  zendesk_ticket_id: 'Zendesk ticket',
  zendesk_user_id: 'Zendesk user',
  zendesk_org_id: 'Zendesk organization',
  intercom_conversation_id: 'Intercom conversation',
  intercom_contact_id: 'Intercom contact',
  intercom_company_id: 'Intercom company',
  salesforce_id: 'Salesforce record',
  billing_customer_id: 'Billing customer',
  product_user_id: 'Product user',
  product_workspace_id: 'Product workspace',
};

export function identifierLabel(type: IdentifierType): string {
  return IDENTIFIER_LABELS[type];
}
