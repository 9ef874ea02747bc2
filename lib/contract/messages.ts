import { z } from 'zod';
import { Host, Identifier } from './identifiers.ts';
import { FlagRequest } from './identity.ts';
import { Context, EntityRef } from './lookup.ts';
import { OutboxChange, OutboxCounts, OutboxItem, ReviewDecisionInput, ReviewDecisionResult, ReviewList, UndoTarget } from './outbox.ts';
import { Role } from './roles.ts';

/** What a content script found on the host page: identifiers only, never customer data to render. */
export const Detection = z.object({
  ok: z.literal(true),
  host: Host,
  url: z.string().url(),
  label: z.string().max(200),
  identifiers: z.array(Identifier).min(1).max(20),
});
export type Detection = z.infer<typeof Detection>;

export const Miss = z.object({
  ok: z.literal(false),
  host: Host,
  url: z.string().url(),
  reason: z.string().max(500),
  lookedFor: z.array(z.string().max(200)).max(20),
});
export type Miss = z.infer<typeof Miss>;

export const DetectionResult = z.discriminatedUnion('ok', [Detection, Miss]);
export type DetectionResult = z.infer<typeof DetectionResult>;

export const Settings = z.object({
  backendUrl: z.string().url(),
  token: z.string(),
});
export type Settings = z.infer<typeof Settings>;

/** Why the sidebar has no token to use: none saved yet, or the backend refused the one we have (401). */
export const SignedOutReason = z.enum(['no-token', 'rejected']);

/** What the background knows about a tab: the sidebar renders exactly one of these. */
export const TabContext = z.discriminatedUnion('state', [
  /** The content script has not reported yet. */
  z.object({ state: z.literal('waiting') }),
  z.object({ state: z.literal('miss'), miss: Miss }),
  z.object({ state: z.literal('signed-out'), reason: SignedOutReason }),
  /** No context could be had, cached or fresh. */
  z.object({ state: z.literal('error'), message: z.string(), detection: Detection }),
  z.object({
    state: z.literal('ready'),
    detection: Detection,
    context: Context,
    /** When the backend last sent or confirmed this context (ms since the epoch). */
    fetchedAt: z.number(),
    /** `cache`: served from the extension's cache without waiting for the backend. */
    origin: z.enum(['cache', 'network']),
    /** A refresh is under way: ask again with `fresh: true` for its outcome. */
    refreshing: z.boolean(),
    /** Set when the backend could not confirm the cached context: why, so the sidebar can say it is stale. */
    offline: z.string().nullable(),
  }),
]);
export type TabContext = z.infer<typeof TabContext>;

/** One account or person, by the backend's id: a search result or a candidate the agent picked. */
export const EntityKey = z.object({ kind: z.enum(['account', 'person']), id: z.string().min(1).max(100) }).strict();
export type EntityKey = z.infer<typeof EntityKey>;

/** What the background knows about one entity the agent chose (not detected on the page). */
export const EntityContext = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed-out'), reason: SignedOutReason }),
  /** The backend has no such entity (any more): merged away, or another backend. */
  z.object({ state: z.literal('not-found'), message: z.string() }),
  z.object({ state: z.literal('error'), message: z.string() }),
  z.object({
    state: z.literal('ready'),
    entity: EntityKey,
    context: Context,
    fetchedAt: z.number(),
    origin: z.enum(['cache', 'network']),
    refreshing: z.boolean(),
    offline: z.string().nullable(),
  }),
]);
export type EntityContext = z.infer<typeof EntityContext>;

/** Expected failures of a search or a connection test are results, with what to tell the user. */
const Failure = z.object({ ok: z.literal(false), reason: z.enum(['signed-out', 'error']), message: z.string() });

const LockedSettings = z.object({ backendUrl: z.boolean(), token: z.boolean() });

/** Who the token belongs to, checked against the backend just now. */
export const ConnectionIdentity = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed-out') }),
  z.object({ state: z.literal('connected'), name: z.string(), role: Role }),
  z.object({ state: z.literal('rejected'), message: z.string() }),
  z.object({ state: z.literal('unreachable'), message: z.string() }),
]);
export type ConnectionIdentity = z.infer<typeof ConnectionIdentity>;

/**
 * Every message the background serves: its input schema and its output schema. Content scripts may send
 * only the messages listed in CONTENT_SCRIPT_MESSAGES; the rest come from our own extension pages.
 */
export const MESSAGES = {
  /** content script -> background: the current page's detection (or miss) for the sender's tab. */
  'detection:report': { input: DetectionResult, output: z.object({ accepted: z.boolean() }) },
  /**
   * sidebar -> background: the context for the detection of a tab. By default the fastest answer (the
   * cache when it has one, revalidated in the background); `fresh` waits for the backend's answer.
   */
  'context:get': {
    input: z.object({ tabId: z.number().int(), fresh: z.boolean().default(false) }),
    output: TabContext,
  },
  /** options -> background: read the settings (the token is masked: pages show whether one is set). */
  'settings:get': {
    input: z.object({}),
    output: z.object({ backendUrl: z.string(), hasToken: z.boolean(), locked: LockedSettings }),
  },
  /** options -> background: save the settings and test them against the backend. */
  'settings:save': {
    input: z.object({ backendUrl: z.string().url(), token: z.string().trim().optional() }),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), role: Role, name: z.string() }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  /** options -> background: forget the token and wipe the cache. A token set by policy stays. */
  'settings:sign-out': { input: z.object({}), output: z.object({ hasToken: z.boolean() }) },
  /** popup -> background: where we connect, as whom, and when the backend last answered. */
  'connection:get': {
    input: z.object({}),
    output: z.object({
      backendUrl: z.string(),
      locked: LockedSettings,
      identity: ConnectionIdentity,
      lastSuccessAt: z.number().nullable(),
      lastFailure: z.object({ at: z.number(), message: z.string() }).nullable(),
    }),
  },
  /** options -> background: who the token belongs to and which backend version answers, asked now. */
  'connection:test': {
    input: z.object({}),
    output: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), name: z.string(), role: Role, version: z.string() }), Failure]),
  },
  /** sidebar -> background: accounts and people by name, email or domain (`GET /v1/search`). */
  'search:query': {
    input: z.object({ q: z.string().trim().min(2).max(200), kind: z.enum(['account', 'person']).optional() }).strict(),
    output: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), results: z.array(EntityRef) }), Failure]),
  },
  /**
   * sidebar -> background: the full context of one account or person the agent chose, cached like a
   * lookup (stale-while-revalidate); `fresh` waits for the backend, as for `context:get`.
   */
  'entity:get': { input: EntityKey.extend({ fresh: z.boolean().default(false) }).strict(), output: EntityContext },
  /**
   * sidebar -> background: flag a record as not part of an entity. The flag is written to the outbox
   * before anything is sent, and sent with retries; the answer is the outbox entry, at once.
   */
  'flag:create': { input: FlagRequest, output: OutboxChange },
  /**
   * sidebar -> background: undo a flag, by its outbox entry or by the backend's id (a flag in force).
   * A flag not sent yet is cancelled here; a sent one is undone through the outbox.
   */
  'flag:undo': { input: UndoTarget, output: OutboxChange },
  /** sidebar, popup -> background: the outbox under the settings in effect, and its counts. */
  'flags:list': {
    input: z.object({}),
    output: z.object({ items: z.array(OutboxItem), counts: OutboxCounts }),
  },
  /** sidebar, popup -> background: send a failed entry again, in a new retry window. */
  'outbox:retry': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: OutboxChange },
  /** sidebar -> background: the user has read a failed entry and lets it go. */
  'outbox:dismiss': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: OutboxChange },
  /** review page -> background: the review queue (`all` includes decided items) and whether we may decide. */
  'review:list': { input: z.object({ status: z.enum(['open', 'all']).default('open') }), output: ReviewList },
  /** review page -> background: decide one review item. */
  'review:decide': { input: ReviewDecisionInput, output: ReviewDecisionResult },
} as const;

export type MessageName = keyof typeof MESSAGES;
export type MessageInput<N extends MessageName> = z.input<(typeof MESSAGES)[N]['input']>;
export type MessageOutput<N extends MessageName> = z.infer<(typeof MESSAGES)[N]['output']>;

export const CONTENT_SCRIPT_MESSAGES: readonly MessageName[] = ['detection:report'];

export const Envelope = z.object({ name: z.string(), input: z.unknown() });
export const Reply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Reply = z.infer<typeof Reply>;
