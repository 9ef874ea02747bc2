import { z } from 'zod';
import { normaliseDomain, normaliseEmail, normaliseSalesforceId } from './normalise.ts';

/** Every identifier a host adapter can report and the lookup can resolve. */
export const IDENTIFIER_TYPES = [
  'email',
  'domain',
  'zendesk_ticket_id',
  'zendesk_user_id',
  'zendesk_org_id',
  'intercom_conversation_id',
  'intercom_contact_id',
  'intercom_company_id',
  'salesforce_id',
  'billing_customer_id',
  'product_user_id',
  'product_workspace_id',
] as const;

export const IdentifierType = z.enum(IDENTIFIER_TYPES);
export type IdentifierType = z.infer<typeof IdentifierType>;

export const Identifier = z.object({
  type: IdentifierType,
  value: z.string().trim().min(1).max(320),
});
export type Identifier = z.infer<typeof Identifier>;

export const HOSTS = ['zendesk', 'intercom', 'salesforce'] as const;
export const Host = z.enum(HOSTS);
export type Host = z.infer<typeof Host>;

export {
  SALESFORCE_KEY_PREFIXES,
  normaliseDomain,
  normaliseEmail,
  normaliseSalesforceId,
  salesforceObjectOf,
} from './normalise.ts';
export type { SalesforceObject } from './normalise.ts';

/** One canonical form per identifier type, so the store and the extension agree on what "equal" means. */
export function normaliseIdentifier(identifier: Identifier): Identifier | null {
  const { type, value } = identifier;
  switch (type) {
    case 'email': {
      const email = normaliseEmail(value);
      return email ? { type, value: email } : null;
    }
    case 'domain': {
      const domain = normaliseDomain(value);
      return domain ? { type, value: domain } : null;
    }
    case 'salesforce_id': {
      const id = normaliseSalesforceId(value);
      return id ? { type, value: id } : null;
    }
    case 'zendesk_ticket_id':
    case 'zendesk_user_id':
    case 'zendesk_org_id':
      return /^\d{1,19}$/.test(value.trim()) ? { type, value: String(BigInt(value.trim())) } : null;
    default:
      return { type, value: value.trim() };
  }
}
