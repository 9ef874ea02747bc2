import { normaliseSalesforceId } from '../../../lib/contract/normalise.ts';
import type { Reply } from './replica-intercom.ts';

/** A field on a replica Lightning record page; a lookup links to another record (`ref`, 18 characters). */
export interface ReplicaField {
  apiName: string;
  label: string;
  type: 'text' | 'email' | 'lookup';
  value: string;
  ref?: string;
}

/** A record as the replica Lightning serves it: its fields, and related lists of other records. */
export interface ReplicaRecord {
  id: string;
  object: 'Account' | 'Contact' | 'Lead' | 'Case' | 'Opportunity';
  name: string;
  fields: ReplicaField[];
  related: { title: string; records: { id: string; name: string }[] }[];
}

/** The replica Lightning's API (`/replica-api/salesforce/records/ID.json`, 15 or 18 characters). */
export function salesforceApi(pathname: string, records: readonly ReplicaRecord[]): Reply {
  const raw = /^\/replica-api\/salesforce\/records\/([a-zA-Z0-9]{15,18})\.json$/.exec(pathname)?.[1];
  const id = raw ? normaliseSalesforceId(raw) : null;
  const record = id ? records.find((r) => normaliseSalesforceId(r.id) === id) : undefined;
  return record ? { status: 200, type: 'application/json', body: JSON.stringify({ ...record, id }) } : null;
}
