import { z } from 'zod';
import { Host, Identifier } from './identifiers.ts';
import { Flag } from './identity.ts';

/**
 * A moment a request names (a lookup's `asOf`, a token's expiry). ISO 8601 allows year 0000, and an offset
 * can carry 0001-01-01 into year 0, which JavaScript accepts and PostgreSQL refuses ("there is no year
 * zero"): such a moment is a bad request, not a server failure.
 */
export const Moment = z.iso.datetime({ offset: true }).refine((text) => new Date(text).getUTCFullYear() >= 1, 'a moment in year 1 or later');

export const LookupRequest = z.object({
  host: Host,
  identifiers: z.array(Identifier).min(1).max(20),
  asOf: Moment.optional(),
  ifVersion: z.string().max(100).optional(),
});
export type LookupRequest = z.infer<typeof LookupRequest>;

export const SourceSystem = z.enum(['crm', 'billing', 'product', 'support', 'other']);
export type SourceSystem = z.infer<typeof SourceSystem>;

const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A golden value with its lineage: which source, which record, observed when. */
export const Property = z.object({
  key: z.string(),
  label: z.string(),
  group: z.string(),
  value: PropertyValue,
  format: z.enum(['text', 'number', 'currency', 'percent', 'date', 'url', 'email']),
  source: z.string(),
  system: SourceSystem,
  sourceRecordId: z.string(),
  observedAt: z.iso.datetime({ offset: true }),
  /** Set when an admin's value overrides the sources: who set it. */
  overriddenBy: z.string().nullable().default(null),
});
export type Property = z.infer<typeof Property>;

export const EntityRef = z.object({
  kind: z.enum(['account', 'person']),
  id: z.string(),
  name: z.string(),
  detail: z.string().nullable(),
});
export type EntityRef = z.infer<typeof EntityRef>;

/** One source record behind an entity, with why it belongs there. */
export const Match = z.object({
  entity: z.object({ kind: z.enum(['account', 'person']), id: z.string() }),
  source: z.string(),
  system: SourceSystem,
  sourceId: z.string(),
  label: z.string(),
  rule: z.string(),
  confidence: z.number().min(0).max(1),
  explanation: z.string(),
  link: z.string().url().nullable(),
});
export type Match = z.infer<typeof Match>;

export const MetricWindow = z.enum(['24h', '7d', '30d', '90d', 'all']);

/** A governed metric over its windows, each with the prior window of the same length. */
export const MetricValue = z.object({
  key: z.string(),
  label: z.string(),
  entity: z.enum(['account', 'person']),
  format: z.enum(['number', 'currency', 'percent', 'duration']),
  windows: z.array(
    z.object({ window: MetricWindow, value: z.number().nullable(), previous: z.number().nullable(), change: z.number().nullable() }),
  ),
  /** One point per day over the last 90 days, oldest first; empty for current-state metrics. */
  sparkline: z.array(z.number()),
  /** Smaller is better (failed charges, open tickets): a rise is bad news. */
  lowerIsBetter: z.boolean().default(false),
  /** Set when a model the metric reads is past its freshness target: since when its data is old. */
  staleSince: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type MetricValue = z.infer<typeof MetricValue>;

export const HealthBand = z.enum(['good', 'watch', 'at_risk']);

export const HealthScore = z.object({
  score: z.number().min(0).max(100),
  band: HealthBand,
  factors: z.array(z.object({ key: z.string(), label: z.string(), score: z.number(), weight: z.number(), detail: z.string() })),
});
export type HealthScore = z.infer<typeof HealthScore>;

export const HealthHistory = z
  .object({
    account: z.string(),
    days: z.array(z.object({ day: z.iso.date(), score: z.number(), band: HealthBand })),
  })
  .meta({ id: 'HealthHistory' });
export type HealthHistory = z.infer<typeof HealthHistory>;

export const Freshness = z.object({
  stale: z.boolean(),
  oldestObservedAt: z.iso.datetime({ offset: true }).nullable(),
  staleModels: z.array(z.string()),
});

export const Context = z
  .object({
  status: z.enum(['matched', 'ambiguous', 'none']),
  account: EntityRef.nullable(),
  person: EntityRef.nullable(),
  candidates: z.array(EntityRef),
  properties: z.array(Property.extend({ entity: z.enum(['account', 'person']) })),
  metrics: z.array(MetricValue),
  health: HealthScore.nullable(),
  matches: z.array(Match),
  /** Flags still in force on the shown account or person: the matches card offers their undo. */
  flags: z.array(Flag).default([]),
  freshness: Freshness,
  version: z.string(),
  resolvedFrom: z.array(Identifier),
  })
  .meta({ id: 'Context' });
export type Context = z.infer<typeof Context>;

export const NotModified = z.object({ notModified: z.literal(true), version: z.string() });
export const LookupResponse = z.union([Context, NotModified]);
export type LookupResponse = z.infer<typeof LookupResponse>;

export const SearchResults = z.object({ query: z.string(), results: z.array(EntityRef) }).meta({ id: 'SearchResults' });
export type SearchResults = z.infer<typeof SearchResults>;

/** An admin's value for a property of an entity, which wins over every source until removed. */
export const PropertyOverrideRequest = z.object({ value: PropertyValue, note: z.string().max(2000).optional() }).strict();
export type PropertyOverrideRequest = z.infer<typeof PropertyOverrideRequest>;
