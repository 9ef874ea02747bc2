import type { IdentifierType, ModelKind } from '../../lib/contract/index.ts';
import type { SourceApp } from './schema.ts';

/** Which identifier type a record's own id is, by the app its source belongs to and its kind. */
const APP_ID_TYPES: Partial<Record<SourceApp, Partial<Record<ModelKind, IdentifierType>>>> = {
  salesforce: { accounts: 'salesforce_id', users: 'salesforce_id', deals: 'salesforce_id', tickets: 'salesforce_id' },
  zendesk: { accounts: 'zendesk_org_id', users: 'zendesk_user_id', tickets: 'zendesk_ticket_id' },
  intercom: { accounts: 'intercom_company_id', users: 'intercom_contact_id', conversations: 'intercom_conversation_id' },
  stripe: { accounts: 'billing_customer_id' },
  product: { accounts: 'product_workspace_id', users: 'product_user_id' },
};

export function recordIdType(app: SourceApp, kind: ModelKind): IdentifierType | null {
  return APP_ID_TYPES[app]?.[kind] ?? null;
}
