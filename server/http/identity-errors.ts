import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { IdentityMiss, MissReason } from '../identity/identity-miss.ts';
import { AppError } from './errors.ts';

const STATUS: Record<MissReason, ContentfulStatusCode> = {
  unknown_entity: 404,
  unknown_record: 404,
  not_a_member: 404,
  unknown_flag: 404,
  unknown_review_item: 404,
  forbidden: 403,
  single_record: 409,
  already_undone: 409,
  already_decided: 409,
  conflicting_decision: 409,
  records_gone: 409,
  decision_not_applicable: 422,
};

/** An identity write's refusal as problem+json; nothing was changed. */
export const missError = (m: IdentityMiss): AppError => new AppError(STATUS[m.reason], m.reason, m.detail);
