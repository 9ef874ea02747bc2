import { DECIDING_ROLES } from '../contract/outbox.ts';
import type { ReviewDecisionResult, ReviewList } from '../contract/outbox.ts';
import type { DecisionRequest } from '../contract/identity.ts';
import { fetchMe } from './api.ts';
import type { ApiResponse } from './api.ts';
import { wipeContextCache } from './context-cache.ts';
import { fetchReviewItems, postDecision } from './identity-api.ts';
import { readSettings } from './settings.ts';

const SIGNED_OUT = { ok: false, reason: 'signed-out', message: 'Not signed in: add your token in the Sidelight options.' } as const;

function failureOf(response: Extract<ApiResponse<unknown>, { ok: false }>): Extract<ReviewList, { ok: false }> {
  if (response.signedOut) return { ok: false, reason: 'signed-out', message: `The backend refused the token: ${response.message}` };
  if (response.status === 403) return { ok: false, reason: 'forbidden', message: `Your role may not do this: ${response.message}` };
  if (response.status === 409) return { ok: false, reason: 'conflict', message: `Already decided: ${response.message}` };
  return { ok: false, reason: 'error', message: response.message };
}

/** The review queue and, from `/v1/me`, whether the token's role may decide (only `cs_rep` and `admin`). */
export async function readReviewQueue(status: 'open' | 'all'): Promise<ReviewList> {
  const settings = await readSettings();
  if (!settings.token) return SIGNED_OUT;
  const [me, items] = await Promise.all([fetchMe(settings), fetchReviewItems(settings, status)]);
  if (!items.ok) return failureOf(items);
  if (!me.ok) return { ok: false, reason: me.signedOut ? 'signed-out' : 'error', message: me.message };
  return { ok: true, role: me.value.role, canDecide: DECIDING_ROLES.includes(me.value.role), items: items.value };
}

/** One decision, sent at once (not through the outbox: the person deciding waits for the answer). */
export async function decideReviewItem(id: string, request: DecisionRequest): Promise<ReviewDecisionResult> {
  const settings = await readSettings();
  if (!settings.token) return SIGNED_OUT;
  const response = await postDecision(settings, id, request);
  if (!response.ok) return failureOf(response);
  // A decision can move records between any entities: no cached context is trusted after it.
  await wipeContextCache();
  return { ok: true, item: response.value };
}
