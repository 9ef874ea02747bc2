import { z } from 'zod';

/**
 * Flags, the review queue and identity history (DESIGN sections 5 and 7). A flag says "this source record
 * is not part of this entity": the server splits it out at once, stores a must-not-link and opens a review
 * item. Every change is in an append-only history, so each can be undone exactly.
 */

export const EntityKind = z.enum(['account', 'person']);
export type EntityKind = z.infer<typeof EntityKind>;

export const RecordRef = z.object({ source: z.string().min(1).max(100), sourceId: z.string().min(1).max(300) });
export type RecordRef = z.infer<typeof RecordRef>;

export const FlagRequest = z
  .object({
    record: RecordRef,
    entity: z.object({ kind: EntityKind, id: z.string().min(1).max(100) }),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'FlagRequest' });
export type FlagRequest = z.infer<typeof FlagRequest>;

/** The header that makes a flag safe to retry; the outbox sends one per flag. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IdempotencyKey = z.string().min(8).max(200).regex(/^[\w.:-]+$/, 'letters, digits and . _ : -');

/** What a flag changes in the sidebar: the property and metric values that move with the split. */
export const Impact = z.object({
  properties: z.array(z.object({ key: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
  metrics: z.array(z.object({ key: z.string(), label: z.string(), before: z.number().nullable(), after: z.number().nullable() })),
});
export type Impact = z.infer<typeof Impact>;

export const Flag = z
  .object({
    id: z.string(),
    status: z.enum(['applied', 'undone']),
    record: RecordRef,
    entity: z.object({ kind: EntityKind, id: z.string() }),
    /** The entity the record lives in after the split. */
    splitEntityId: z.string().nullable(),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    undoneAt: z.iso.datetime({ offset: true }).nullable(),
    reviewItemId: z.string().nullable(),
  })
  .meta({ id: 'Flag' });
export type Flag = z.infer<typeof Flag>;

export const ReviewDecision = z.enum(['confirm', 'restore', 'merge', 'reject']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const ReviewItem = z
  .object({
    id: z.string(),
    /** `flag`: a person said two records are not the same; `uncertain`: a score between the thresholds. */
    kind: z.enum(['flag', 'uncertain']),
    status: z.enum(['open', 'decided']),
    createdAt: z.iso.datetime({ offset: true }),
    entity: z.object({ kind: EntityKind, id: z.string() }),
    records: z.array(RecordRef.extend({ label: z.string() })),
    evidence: z.object({ rule: z.string(), score: z.number().min(0).max(1).nullable(), explanation: z.string() }),
    impact: Impact.nullable(),
    flagId: z.string().nullable(),
    decision: z
      .object({ decision: ReviewDecision, decidedBy: z.string(), decidedAt: z.iso.datetime({ offset: true }), note: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'ReviewItem' });
export type ReviewItem = z.infer<typeof ReviewItem>;

export const DecisionRequest = z.object({ decision: ReviewDecision, note: z.string().max(2000).optional() }).strict();
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const HistoryEvent = z
  .object({
    id: z.string(),
    at: z.iso.datetime({ offset: true }),
    action: z.enum(['link', 'unlink', 'split', 'merge', 'flag', 'undo', 'decision', 'rebuild']),
    actor: z.string(),
    entityId: z.string().nullable(),
    record: RecordRef.nullable(),
    detail: z.string(),
  })
  .meta({ id: 'HistoryEvent' });
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const FlagList = z.object({ flags: z.array(Flag) }).meta({ id: 'FlagList' });
export type FlagList = z.infer<typeof FlagList>;

export const ReviewQueue = z.object({ items: z.array(ReviewItem) }).meta({ id: 'ReviewQueue' });
export type ReviewQueue = z.infer<typeof ReviewQueue>;

/**
 * An entity's history, newest first, with its member records replayed from the link and unlink events:
 * as of `asOf` when the request names a moment (events after it are left out), else as of now.
 */
export const EntityHistory = z
  .object({
    entityId: z.string(),
    asOf: z.iso.datetime({ offset: true }),
    members: z.array(RecordRef.extend({ linkedAt: z.iso.datetime({ offset: true }) })),
    events: z.array(HistoryEvent),
  })
  .meta({ id: 'EntityHistory' });
export type EntityHistory = z.infer<typeof EntityHistory>;
