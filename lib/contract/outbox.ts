import { z } from 'zod';
import { Flag, FlagRequest, ReviewDecision, ReviewItem } from './identity.ts';
import { Role } from './roles.ts';

/**
 * The extension's flag outbox as its pages see it (DESIGN section 8): every flag and every undo is kept
 * in IndexedDB before it is sent, with the key that makes its retries safe, until the backend answers.
 */
export const OutboxState = z.enum(['pending', 'sent', 'failed', 'cancelled']);
export type OutboxState = z.infer<typeof OutboxState>;

/** Why the last attempt did not go through: no answer, a server error, a refusal, or out of time. */
export const OutboxErrorKind = z.enum(['network', 'server', 'refused', 'expired']);

export const OutboxItem = z.object({
  /** Made when the intent was recorded: the row's key and the Idempotency-Key of every attempt. */
  id: z.string(),
  kind: z.enum(['flag', 'undo']),
  state: OutboxState,
  /** A flag: what the user flagged. */
  flag: FlagRequest.nullable(),
  /** An undo: the flag it undoes. A flag: the backend's id for it, once sent. */
  flagId: z.string().nullable(),
  /** The backend it was made for; it is never sent anywhere else. */
  backendUrl: z.string(),
  /** Made under other settings (another backend or token): kept for them, not sent under these. */
  held: z.boolean(),
  createdAt: z.number(),
  attempts: z.number().int(),
  lastAttemptAt: z.number().nullable(),
  /** Pending: when the next attempt is due (ms since the epoch). */
  nextAttemptAt: z.number().nullable(),
  /** Pending past this moment, it fails and the user is told (a manual retry opens a new window). */
  windowEndsAt: z.number(),
  lastError: z.string().nullable(),
  lastErrorKind: OutboxErrorKind.nullable(),
  /** When it was sent, failed or cancelled. */
  settledAt: z.number().nullable(),
  /** The backend's answer once sent (an undo the backend had already applied has none). */
  result: Flag.nullable(),
  /** A flag: undo was asked after an attempt went out (it may have arrived), so it is undone once sent. */
  undoRequested: z.boolean(),
  /** A flag: the undo entry made for it. */
  undoId: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxCounts = z.object({
  pending: z.number().int(),
  failed: z.number().int(),
  /** Pending or failed under other settings (signed out, or another backend or token). */
  held: z.number().int(),
});
export type OutboxCounts = z.infer<typeof OutboxCounts>;

/** An outbox action's answer: the entry as it now is, or why nothing was done. */
export const OutboxChange = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), item: OutboxItem }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type OutboxChange = z.infer<typeof OutboxChange>;

export const UndoTarget = z.union([
  z.object({ outboxId: z.string().min(1).max(100) }).strict(),
  z.object({ flagId: z.string().min(1).max(100) }).strict(),
]);
export type UndoTarget = z.infer<typeof UndoTarget>;

const ReviewFailure = z.object({
  ok: z.literal(false),
  /** `forbidden`: the role may not (403); `conflict`: someone decided first (409). */
  reason: z.enum(['signed-out', 'forbidden', 'conflict', 'error']),
  message: z.string(),
});

export const ReviewList = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    role: Role,
    /** Only `cs_rep` and `admin` decide review items (DESIGN section 7). */
    canDecide: z.boolean(),
    items: z.array(ReviewItem),
  }),
  ReviewFailure,
]);
export type ReviewList = z.infer<typeof ReviewList>;

export const ReviewDecisionInput = z
  .object({ id: z.string().min(1).max(100), decision: ReviewDecision, note: z.string().max(2000).optional() })
  .strict();

export const ReviewDecisionResult = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), item: ReviewItem }), ReviewFailure]);
export type ReviewDecisionResult = z.infer<typeof ReviewDecisionResult>;

export const DECIDING_ROLES: readonly Role[] = ['cs_rep', 'admin'];
