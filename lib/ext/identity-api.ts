import { Flag, IDEMPOTENCY_KEY_HEADER, ReviewItem, ReviewQueue } from '../contract/identity.ts';
import type { DecisionRequest, FlagRequest } from '../contract/identity.ts';
import { call } from './api.ts';
import type { ApiResponse, Connection } from './api.ts';

/** The flag and review routes (DESIGN section 7), each answer checked against the contract. */

/** Same key and same body: the backend answers as it did the first time, so a retry never flags twice. */
export function postFlag(connection: Connection, request: FlagRequest, idempotencyKey: string): Promise<ApiResponse<Flag>> {
  return call(connection, 'POST', '/v1/flags', request, Flag, { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey });
}

/** Undo is idempotent by nature (a second one is a 409, "already undone"); the key only names the attempt. */
export function postFlagUndo(connection: Connection, flagId: string, idempotencyKey: string): Promise<ApiResponse<Flag>> {
  const path = `/v1/flags/${encodeURIComponent(flagId)}/undo`;
  return call(connection, 'POST', path, undefined, Flag, { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey });
}

export async function fetchReviewItems(connection: Connection, status: 'open' | 'all'): Promise<ApiResponse<ReviewItem[]>> {
  const path = status === 'all' ? '/v1/review?status=all' : '/v1/review';
  const response = await call(connection, 'GET', path, undefined, ReviewQueue);
  return response.ok ? { ok: true, value: response.value.items } : response;
}

export function postDecision(connection: Connection, id: string, request: DecisionRequest): Promise<ApiResponse<ReviewItem>> {
  return call(connection, 'POST', `/v1/review/${encodeURIComponent(id)}/decision`, request, ReviewItem);
}
