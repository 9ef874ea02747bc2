import { z } from 'zod';
import { Host, Identifier } from './identifiers.ts';
import { Context } from './lookup.ts';
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

/**
 * Every message the background serves: its input schema and its output schema. Content scripts may send
 * only the messages listed in CONTENT_SCRIPT_MESSAGES; the rest come from our own extension pages.
 */
export const MESSAGES = {
  /** content script -> background: the current page's detection (or miss) for the sender's tab. */
  'detection:report': { input: DetectionResult, output: z.object({ accepted: z.boolean() }) },
  /** sidebar -> background: the context for the detection of a tab. */
  'context:get': {
    input: z.object({ tabId: z.number().int() }),
    output: z.discriminatedUnion('state', [
      z.object({ state: z.literal('waiting') }),
      z.object({ state: z.literal('miss'), miss: Miss }),
      z.object({ state: z.literal('signed-out') }),
      z.object({ state: z.literal('error'), message: z.string(), detection: Detection }),
      z.object({ state: z.literal('ready'), detection: Detection, context: Context, fetchedAt: z.number() }),
    ]),
  },
  /** options -> background: read the settings (the token is masked: pages show whether one is set). */
  'settings:get': {
    input: z.object({}),
    output: z.object({ backendUrl: z.string(), hasToken: z.boolean() }),
  },
  /** options -> background: save the settings and test them against the backend. */
  'settings:save': {
    input: z.object({ backendUrl: z.string().url(), token: z.string().trim().optional() }),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), role: Role, name: z.string() }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
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
