/**
 * Expected refusals of an identity write, as results (STYLE.md 11): nothing was changed. The HTTP layer
 * turns the reason into a status: missing things 404, the wrong role 403, a state that forbids it 409,
 * a decision that does not fit the item 422.
 */
export type MissReason =
  | 'unknown_entity'
  | 'unknown_record'
  | 'not_a_member'
  | 'unknown_flag'
  | 'unknown_review_item'
  | 'forbidden'
  | 'single_record'
  | 'already_undone'
  | 'already_decided'
  | 'conflicting_decision'
  | 'records_gone'
  | 'decision_not_applicable';

export interface IdentityMiss {
  ok: false;
  reason: MissReason;
  detail: string;
}

export const miss = (reason: MissReason, detail: string): IdentityMiss => ({ ok: false, reason, detail });
