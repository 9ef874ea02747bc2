import { Context, SearchResults } from '../contract/index.ts';
import type { EntityKey, EntityRef, LookupResponse } from '../contract/index.ts';
import { call } from './api.ts';
import type { ApiResult, Connection } from './api.ts';

/** The search and entity routes behind the sidebar's search and candidate pick (DESIGN section 7). */

export async function searchEntities(connection: Connection, q: string, kind?: EntityRef['kind']): Promise<ApiResult<EntityRef[]>> {
  const query = new URLSearchParams({ q, ...(kind ? { kind } : {}) });
  const response = await call(connection, 'GET', `/v1/search?${query}`, undefined, SearchResults);
  return response.ok ? { ok: true, value: response.value.results } : response;
}

/** The 404 of an entity route: an expected miss, told apart from other failures. */
export type EntityResult = ApiResult<LookupResponse> | { ok: false; notFound: true; signedOut: false; message: string };

/**
 * The context of one account or person. With `ifVersion` the request is conditional (`If-None-Match`):
 * a 304 means the version we hold is current and comes back as `{ notModified: true }`.
 */
export async function fetchEntityContext({ kind, id }: EntityKey, connection: Connection, ifVersion?: string): Promise<EntityResult> {
  const path = `/v1/${kind === 'account' ? 'accounts' : 'people'}/${encodeURIComponent(id)}`;
  const headers: Record<string, string> = ifVersion === undefined ? {} : { 'If-None-Match': `W/"${ifVersion}"` };
  const response = await call(connection, 'GET', path, undefined, Context, headers);
  if (response.ok) return response;
  // One tag was sent, so "not modified" can only mean that one.
  if (response.status === 304 && ifVersion !== undefined) return { ok: true, value: { notModified: true, version: ifVersion } };
  if (response.status === 404) return { ok: false, notFound: true, signedOut: false, message: response.message };
  return { ok: false, signedOut: response.signedOut, message: response.message };
}
