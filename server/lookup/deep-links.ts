import { salesforceObjectOf, type ModelKind } from '../../lib/contract/index.ts';
import type { SourceConfig } from '../config/schema.ts';

/** A link to the record in its own system, when the source says where that system lives. */
export function deepLink(source: SourceConfig, kind: ModelKind, sourceId: string): string | null {
  const base = source.appUrl?.replace(/\/$/, '');
  const id = encodeURIComponent(sourceId);
  switch (source.app) {
    case 'salesforce': {
      const object = salesforceObjectOf(sourceId);
      return base && object ? `${base}/lightning/r/${object}/${id}/view` : null;
    }
    case 'zendesk': {
      const path = { accounts: 'organizations', users: 'users', tickets: 'tickets' }[kind as string];
      return base && path ? `${base}/agent/${path}/${id}` : null;
    }
    case 'intercom': {
      const path = { accounts: 'companies', users: 'users', conversations: 'conversations' }[kind as string];
      return base && path ? `${base}/a/apps/_/${path}/${id}` : null;
    }
    case 'stripe':
      return kind === 'accounts' ? `${base ?? 'https://dashboard.stripe.com'}/customers/${id}` : null;
    default:
      return null;
  }
}

const APP_LABELS: Record<string, string> = {
  salesforce: 'Salesforce',
  zendesk: 'Zendesk',
  intercom: 'Intercom',
  stripe: 'Billing',
  product: 'Product',
};

const KIND_LABELS: Record<string, string> = { accounts: 'account', users: 'person' };

export function recordLabel(sourceName: string, source: SourceConfig, kind: ModelKind): string {
  return `${APP_LABELS[source.app] ?? sourceName} ${KIND_LABELS[kind] ?? kind}`;
}
