import { z } from 'zod';

/**
 * Erasure of a person (GDPR art. 17): by an address, or by a person entity's id. `dryRun` says what would
 * go without changing anything.
 */
export const ErasureRequest = z
  .object({
    email: z
      .string()
      .trim()
      .max(320)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not an email address')
      .optional(),
    personId: z.string().min(1).max(100).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine((r) => (r.email === undefined) !== (r.personId === undefined), { message: 'name exactly one of email and personId', path: ['email'] })
  .meta({ id: 'ErasureRequest' });
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const ErasureCounts = z.object({
  /** The person's own records (contacts, users, requesters). */
  recordsDeleted: z.number().int(),
  /** Their activity kept for the account's figures, without them (tickets, events, memberships, deals). */
  activityRedacted: z.number().int(),
  /** Other records that quoted their address or linked to their records. */
  recordsScrubbed: z.number().int(),
  quarantineDeleted: z.number().int(),
  historyRewritten: z.number().int(),
  membersDeleted: z.number().int(),
  constraintsRewritten: z.number().int(),
  flagsRedacted: z.number().int(),
  reviewItemsDeleted: z.number().int(),
  reviewItemsRedacted: z.number().int(),
  auditRedacted: z.number().int(),
  idempotentResponsesDeleted: z.number().int(),
  /** Addresses replaced in notes, overrides, explanations, audit details and errors. */
  mentionsScrubbed: z.number().int(),
  entitiesDeleted: z.number().int(),
  contextsDeleted: z.number().int(),
  overridesDeleted: z.number().int(),
});
export type ErasureCounts = z.infer<typeof ErasureCounts>;

export const ErasureResult = z
  .object({
    /** Null for a dry run. */
    id: z.string().nullable(),
    at: z.iso.datetime({ offset: true }),
    dryRun: z.boolean(),
    /** False when the store held nothing of the person (the address is remembered all the same). */
    found: z.boolean(),
    /** The person entities erased. */
    people: z.array(z.string()),
    /** Their records, as named in their sources: what a dry run shows before anything goes. */
    records: z.array(z.object({ source: z.string(), sourceId: z.string(), model: z.string() })),
    /**
     * Records an open review item pairs with theirs (a probable match nobody decided, e.g. the same name
     * under a personal address): not erased. Check them, and erase them by their own address or entity id.
     */
    possibleMatches: z.array(z.object({ source: z.string(), sourceId: z.string(), label: z.string(), reviewItemId: z.string(), entityId: z.string().nullable() })),
    counts: ErasureCounts.nullable(),
    durationMs: z.number().int(),
  })
  .meta({ id: 'ErasureResult' });
export type ErasureResult = z.infer<typeof ErasureResult>;

/**
 * Erasures after a cursor, for clients that keep copies (the extension's cache): opaque entity ids only,
 * the ones whose cached contexts must go. Never an address or a name.
 */
export const ErasureFeed = z
  .object({
    erasures: z.array(z.object({ id: z.string(), at: z.iso.datetime({ offset: true }), entityIds: z.array(z.string()) })),
    /** Pass as `after` next time; null when there has never been an erasure. */
    cursor: z.string().nullable(),
  })
  .meta({ id: 'ErasureFeed' });
export type ErasureFeed = z.infer<typeof ErasureFeed>;
