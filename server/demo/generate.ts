import { activityIndex, buildListing } from './build-listing.ts';
import { injectBadRows } from './bad-rows.ts';
import { applyPlans, emitBilling, emitCrmActivity } from './commercial.ts';
import { createClock, DAY_MS, type DemoCompany, type GroundTruthRow, type Row, type Tables } from './company.ts';
import { DemoListing } from './listing.ts';
import { createRandom } from './random.ts';
import { describeScenarios, plantScenarios } from './scenarios.ts';
import { emitAccounts, emitMemberships, emitPeople, mintIds, type Emit } from './systems.ts';
import { ALL_TABLES } from './tables.ts';
import { emitConversations, emitEvents, emitTickets, type EventStream } from './usage.ts';
import { planAccounts, planPeople, SCALES, type ScaleName } from './world.ts';

export const DEFAULT_DEMO_SEED = 20_240_917;
/** The Intercom export job stopped this many days before `now`: the demo's stale source. */
export const INTERCOM_STALE_DAYS = 8;

export type GenerateOptions = {
  seed?: number;
  now?: Date;
  scale?: ScaleName;
  /** Leave the product events out of `tables`, to be replayed in chunks (`DemoCompany.streamed`): what seeding does. */
  streamEvents?: boolean;
};

/** The default `now`: the start of the current UTC day, so a seed gives the same company all day. */
export function startOfUtcDay(moment = new Date()): Date {
  return new Date(Math.floor(moment.getTime() / DAY_MS) * DAY_MS);
}

/**
 * Builds the demo company in memory: every source table's rows, the ground truth of who is who,
 * the listing and the rows the contract must quarantine. Pure: same seed and `now`, same company.
 * Each stage draws from its own forked stream, so changing one stage leaves the others' data alone.
 */
export function generateDemoCompany(options: GenerateOptions = {}): DemoCompany {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = options.now ?? startOfUtcDay();
  const clock = createClock(now);
  const scale = SCALES[options.scale ?? 'small'];
  const root = createRandom(seed);
  // A nightly export that ran at 06:00 UTC, the last time a week ago.
  const exportedAt = clock.iso(clock.daysAgo(INTERCOM_STALE_DAYS) - (clock.now % DAY_MS) + 6 * 3_600_000);

  const emails = new Set<string>();
  const accounts = planAccounts(root.fork('accounts'), clock, scale);
  const people = planPeople(root.fork('people'), clock, accounts, scale, emails);
  const world = { accounts, people };
  const { anchors, needs } = plantScenarios(root.fork('scenarios'), clock, world, emails, exportedAt);
  const registry = mintIds(root.fork('ids'), world, exportedAt);

  const tables = Object.fromEntries(ALL_TABLES.map((t) => [t, []])) as unknown as Tables;
  const groundTruth: GroundTruthRow[] = [];
  const stage = (label: string): Emit => ({ random: root.fork(label), clock, world, registry, tables, truth: groundTruth, exportedAt });
  emitAccounts(stage('accounts-records'));
  emitPeople(stage('people-records'));
  emitMemberships(stage('memberships'));
  const subscriptions = emitBilling(stage('billing'));
  applyPlans(stage('plans'), subscriptions);
  emitCrmActivity(stage('crm-activity'), subscriptions);
  const events = emitEvents(stage('events'), scale.events);
  if (!options.streamEvents) tables['product.events'] = materialise(events);
  emitTickets(stage('tickets'), needs.tickets);
  emitConversations(stage('conversations'), needs.conversations);

  const index = activityIndex(tables, registry);
  const scenarios = describeScenarios(anchors, world, registry, { exportedAt, staleDays: INTERCOM_STALE_DAYS, ...index });
  // Larger scales list a sample: the first accounts, and every account a scenario names.
  const listed = new Set(accounts.slice(0, scale.listed).map((a) => a.key));
  for (const scenario of Object.values(scenarios)) listed.add(scenario.account);
  listed.add(anchors.ambiguousOther);
  const listing = DemoListing.parse(buildListing(world, registry, index, scenarios, new Set([anchors.salesforce_15_char_id.account]), listed));
  // Last, so the listing and the ground truth never point at a row the contract rejects.
  const badRows = injectBadRows(stage('bad-rows'), options.streamEvents ? events.count : 0);
  const streamed = options.streamEvents ? { table: 'product.events' as const, ...events } : null;
  return { seed, now: now.toISOString(), intercomExportedAt: exportedAt, tables, groundTruth, listing, badRows, streamed };
}

/** All events in id order, as the table would list them. */
function materialise(events: EventStream): Row[] {
  const rows = new Array<Row>(events.count);
  for (const chunk of events.chunks(10_000)) for (const row of chunk) rows[(row.id as number) - 1] = row;
  return rows;
}
