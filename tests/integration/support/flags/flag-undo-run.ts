import type { Kysely } from 'kysely';
import { Flag, Problem } from '../../../../lib/contract/index.ts';
import { createToken } from '../../../../server/auth/tokens.ts';
import { seededRandom } from '../../../../server/identity/fuzzy/seeded-random.ts';
import type { Database } from '../../../../server/store/schema.ts';
import { contextProblems, diffStates, identityState } from './flag-checks.ts';
import { flagBody, type PlannedFlag } from './flag-company.ts';

/** Where the flags go: the app's own request (or fetch against a server), and the store to check. */
export interface FlagUndoTarget {
  db: Kysely<Database>;
  request(path: string, init: RequestInit): Response | Promise<Response>;
  sync(): Promise<void>;
}

export interface FlagUndoOptions {
  concurrency: number;
  seed: number;
  /** Every nth flag and undo is sent twice at once (the same Idempotency-Key for the flag): a retry racing the original. */
  retryEvery: number;
  log?: (line: string) => void;
}

type Percentiles = { p50: number; p95: number; p99: number; max: number };

export interface RoundFigures {
  flags: number;
  seconds: Record<string, number>;
  latencyMs: { flag: Percentiles; undo: Percentiles };
  /** Entities with two flags: how many had the older flag undone first (not last-in-first-out), how many the newer. */
  pairedOrder: { olderFirst: number; newerFirst: number };
  retries: { flags: number; undos: number };
  /** Rows per table that differ from the state before the flags, after the undos (and after a last sync). */
  differences: Record<string, number>;
  differencesAfterSync: Record<string, number>;
  /** Probable links whose score the sync with every flag in force changed (entity, rule and partner kept). */
  probableRescoredBySync: number;
}

export interface FlagUndoResult {
  /** Flags, then every undo in a shuffled order, no sync between: everything must come back to the microsecond. */
  exact: RoundFigures;
  /** Flags, a sync, half the undos, a sync, the rest: membership, ids and rules must come back. */
  withSyncs: RoundFigures;
  problems: string[];
}

/**
 * Two rounds over the same plan, each through `POST /v1/flags` (an Idempotency-Key each, `concurrency`
 * at a time, every `retryEvery`th sent twice at once) and `POST /v1/flags/:id/undo` in a shuffled order
 * (every `retryEvery`th twice at once). Round one undoes right after the flags: every link row (rule,
 * score, explanation, who and when), entity (id, name, detail), record pointer and membership must be
 * as before. Round two syncs with every flag in force, undoes half, syncs, undoes the rest: the same,
 * except that a probable link's score may have moved, because each sync estimates the probabilistic model
 * from the entities as the flags left them (counted as `probableRescored`). Flag rows, review items,
 * constraints and contexts are checked on the way. Returns figures and every problem found (none thrown).
 */
export async function runFlagUndo(target: FlagUndoTarget, plan: readonly PlannedFlag[], options: FlagUndoOptions): Promise<FlagUndoResult> {
  const problems: string[] = [];
  const agents = await Promise.all([1, 2, 3, 4].map(async (n) => (await createToken(target.db, { name: `Agent ${n}`, role: 'support_agent' })).token));
  const rep = (await createToken(target.db, { name: 'Rita Rep', role: 'cs_rep' })).token;
  const exact = await runRound(target, plan, { ...options, agents, rep, round: 1, syncs: false }, problems);
  const withSyncs = await runRound(target, plan, { ...options, agents, rep, round: 2, syncs: true }, problems);
  return { exact, withSyncs, problems };
}

async function runRound(
  target: FlagUndoTarget,
  plan: readonly PlannedFlag[],
  options: FlagUndoOptions & { agents: string[]; rep: string; round: number; syncs: boolean },
  problems: string[],
): Promise<RoundFigures> {
  const { db } = target;
  const log = options.log ?? (() => undefined);
  const problem = (text: string) => {
    if (problems.length < 60) problems.push(`round ${options.round}: ${text}`);
  };
  const post = (path: string, token: string, body?: unknown, key?: string) =>
    target.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const seconds: Record<string, number> = {};
  let probableRescoredBySync = 0;
  const timed = async (label: string, work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    seconds[label] = Math.round((performance.now() - started) / 100) / 10;
  };

  const start = await identityState(db);
  const entityAtStart = await entitiesOfRecords(db, plan);

  // Flags.
  const flags: Flag[] = new Array(plan.length);
  const flagLatency: number[] = [];
  let flagRetries = 0;
  await timed('flag', () =>
    inPool(plan, options.concurrency, async (planned, i) => {
      const entityId = entityAtStart.get(refKey(planned.kind, planned.anchor));
      if (!entityId) return problem(`flag ${i}: no entity for ${refKey(planned.kind, planned.anchor)}`);
      const body = flagBody(planned, entityId, i % 7 === 0 ? `not the same ${planned.kind} (${i})` : undefined);
      const key = `undo-scale-${options.seed}-${options.round}-${i}`;
      const twice = i % options.retryEvery === 0;
      const t0 = performance.now();
      const responses = await Promise.all((twice ? [0, 1] : [0]).map(() => post('/v1/flags', options.agents[i % options.agents.length]!, body, key)));
      const texts = await Promise.all(responses.map((r) => r.text()));
      flagLatency.push(performance.now() - t0);
      if (twice) flagRetries++;
      responses.forEach((res, n) => {
        if (res.status !== 201) problem(`flag ${i} (${n ? 'retry' : 'first'}): ${res.status} ${texts[n]}`);
      });
      if (twice && texts[0] !== texts[1]) problem(`flag ${i}: the same key answered differently: ${texts[0]} / ${texts[1]}`);
      if (responses[0]!.status === 201) flags[i] = Flag.parse(JSON.parse(texts[0]!));
    }),
  );
  log(`round ${options.round}: ${plan.length} flags in ${seconds.flag} s`);
  for (const p of await flaggedProblems(db, plan, flags, entityAtStart)) problem(p);
  for (const p of await contextProblems(db)) problem(`after the flags: ${p}`);

  if (options.syncs) {
    // Constraints hold through a sync: every split stays split, no entity changes.
    const flagged = await identityState(db);
    await timed('syncFlagged', target.sync);
    const afterSync = diffStates(flagged, await identityState(db), { rescoredProbable: true });
    const { probableRescored = 0, ...moved } = afterSync.counts;
    probableRescoredBySync = probableRescored;
    if (Object.keys(moved).length) problem(`a sync with the flags in force changed ${JSON.stringify(moved)}: ${afterSync.examples.slice(0, 5).join('; ')}`);
  }

  // Undo, in an order unlike the flags'.
  const rand = seededRandom(options.seed + options.round); // the same seed gives the same undo order
  const order = flags.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const undoLatency: number[] = [];
  let undoRetries = 0;
  const undo = async (i: number) => {
    const flag = flags[i];
    if (!flag) return;
    // The flagger undoes even ones, a CS rep the others.
    const token = i % 2 === 0 ? options.agents[i % options.agents.length]! : options.rep;
    const twice = i % options.retryEvery === 0;
    const t0 = performance.now();
    const responses = await Promise.all((twice ? [0, 1] : [0]).map(() => post(`/v1/flags/${flag.id}/undo`, token)));
    const texts = await Promise.all(responses.map((r) => r.text()));
    undoLatency.push(performance.now() - t0);
    if (twice) undoRetries++;
    const statuses = responses.map((r) => r.status).sort();
    const expected = twice ? [200, 409] : [200];
    if (JSON.stringify(statuses) !== JSON.stringify(expected)) problem(`undo ${i}: ${statuses.join(', ')} (expected ${expected.join(', ')}): ${texts.join(' / ')}`);
    const refused = texts[responses.findIndex((r) => r.status === 409)];
    if (twice && refused && Problem.parse(JSON.parse(refused)).code !== 'already_undone') problem(`undo ${i}: the loser said ${refused}`);
  };
  if (options.syncs) {
    const half = Math.floor(order.length / 2);
    await timed('undoFirstHalf', () => inPool(order.slice(0, half), options.concurrency, undo));
    await timed('syncHalf', target.sync);
    await timed('undoRest', () => inPool(order.slice(half), options.concurrency, undo));
  } else {
    await timed('undo', () => inPool(order, options.concurrency, undo));
  }
  log(`round ${options.round}: undone in ${seconds.undo ?? `${seconds.undoFirstHalf} + ${seconds.undoRest}`} s`);

  const restored = diffStates(start, await identityState(db), { rescoredProbable: options.syncs });
  const { probableRescored: _r, ...restoredMoved } = restored.counts;
  if (Object.keys(restoredMoved).length) problem(`after every undo the store differs from before the flags: ${JSON.stringify(restored.counts)}: ${restored.examples.join('; ')}`);
  for (const p of await undoneProblems(db, flags)) problem(p);
  for (const p of await contextProblems(db)) problem(`after the undos: ${p}`);
  await timed('syncUndone', target.sync);
  const again = diffStates(start, await identityState(db), { rescoredProbable: options.syncs });
  const { probableRescored: _a, ...againMoved } = again.counts;
  if (Object.keys(againMoved).length) problem(`after every undo and a sync the store differs from before the flags: ${JSON.stringify(again.counts)}: ${again.examples.join('; ')}`);

  return {
    flags: flags.filter(Boolean).length,
    seconds,
    latencyMs: { flag: percentiles(flagLatency), undo: percentiles(undoLatency) },
    pairedOrder: pairOrder(flags, order, await appliedOrder(db, flags)),
    retries: { flags: flagRetries, undos: undoRetries },
    differences: restored.counts,
    differencesAfterSync: again.counts,
    probableRescoredBySync,
  };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}


async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const refKey = (kind: string, ref: { source: string; sourceId: string }) => `${kind}|${ref.source}|${ref.sourceId}`;

async function entitiesOfRecords(db: Kysely<Database>, plan: readonly PlannedFlag[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('source_records as r')
    .innerJoin('entity_links as l', 'l.record_id', 'r.id')
    .select(['l.entity_kind', 'r.source', 'r.source_id', 'l.entity_id'])
    .where('r.kind', 'in', ['accounts', 'users'])
    .execute();
  const all = new Map(rows.map((r) => [refKey(r.entity_kind, { source: r.source, sourceId: r.source_id }), r.entity_id]));
  return new Map(plan.flatMap((p) => [p.anchor, p.record].map((ref) => [refKey(p.kind, ref), all.get(refKey(p.kind, ref))!] as const)));
}

/** One flag row, one must-not-link and one open review item per flag; the record in its split entity, the anchor where it was. */
async function flaggedProblems(db: Kysely<Database>, plan: readonly PlannedFlag[], flags: readonly Flag[], entityAtStart: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db.selectFrom('identity_flags').select(['id', 'status', 'review_item_id']).where('status', '=', 'applied').execute();
  if (rows.length !== plan.length) problems.push(`${rows.length} flags applied for ${plan.length} flags made`);
  const reviews = await db.selectFrom('review_items').select(['id', 'flag_id']).where('kind', '=', 'flag').where('status', '=', 'open').execute();
  if (reviews.length !== plan.length || new Set(reviews.map((r) => r.flag_id)).size !== plan.length) {
    problems.push(`${reviews.length} open flag review items (of ${new Set(reviews.map((r) => r.flag_id)).size} flags) for ${plan.length} flags`);
  }
  const constraints = await db.selectFrom('link_constraints').select(['flag_id']).where('undone_at', 'is', null).execute();
  if (constraints.length !== plan.length) problems.push(`${constraints.length} must-not-links in force for ${plan.length} flags`);
  const now = await entitiesOfRecords(db, plan);
  plan.forEach((p, i) => {
    const flag = flags[i];
    if (!flag) return;
    if (now.get(refKey(p.kind, p.record)) !== flag.splitEntityId) problems.push(`flag ${i}: ${refKey(p.kind, p.record)} is in ${now.get(refKey(p.kind, p.record))}, not its split ${flag.splitEntityId}`);
    const anchor = refKey(p.kind, p.anchor);
    if (now.get(anchor) !== entityAtStart.get(anchor)) problems.push(`flag ${i}: ${anchor} moved from ${entityAtStart.get(anchor)} to ${now.get(anchor)}`);
  });
  return problems.slice(0, 20);
}

/** Every flag of the round undone, its review item closed as "restore", no must-not-link left. */
async function undoneProblems(db: Kysely<Database>, flags: readonly Flag[]): Promise<string[]> {
  const problems: string[] = [];
  const ids = flags.filter(Boolean).map((f) => f.id);
  const rows = await db.selectFrom('identity_flags').select(['status', 'review_item_id']).where('id', 'in', ids).execute();
  const applied = rows.filter((r) => r.status !== 'undone').length;
  if (applied) problems.push(`${applied} flags still applied after their undo`);
  const reviews = await db.selectFrom('review_items').select(['status', 'decision']).where('flag_id', 'in', ids).execute();
  const restored = reviews.filter((r) => r.status === 'decided' && r.decision === 'restore').length;
  if (restored !== ids.length || reviews.length !== ids.length) problems.push(`${restored} of ${reviews.length} flag review items closed as "restore" for ${ids.length} undos`);
  const constraints = await db.selectFrom('link_constraints').select('id').where('undone_at', 'is', null).execute();
  if (constraints.length) problems.push(`${constraints.length} must-not-links still in force`);
  return problems;
}

/** The order flags were applied in: their must-not-link's id (taken under the identity lock). */
async function appliedOrder(db: Kysely<Database>, flags: readonly Flag[]): Promise<Map<string, number>> {
  const ids = flags.filter(Boolean).map((f) => f.id);
  const rows = ids.length ? await db.selectFrom('link_constraints').select(['flag_id', 'id']).where('flag_id', 'in', ids).execute() : [];
  return new Map(rows.map((r) => [r.flag_id!, r.id]));
}

/** For entities flagged twice: was the older flag undone first (the order the undo must not depend on) or the newer? */
function pairOrder(flags: readonly Flag[], order: readonly number[], applied: Map<string, number>): RoundFigures['pairedOrder'] {
  const position = new Map(order.map((i, n) => [i, n]));
  const byEntity = Map.groupBy(
    flags.map((f, i) => ({ f, i })).filter(({ f }) => f),
    ({ f }) => f.entity.id,
  );
  let olderFirst = 0;
  let newerFirst = 0;
  for (const group of byEntity.values()) {
    if (group.length !== 2) continue;
    const [older, newer] = [...group].sort((a, b) => applied.get(a.f.id)! - applied.get(b.f.id)!);
    if (position.get(older!.i)! < position.get(newer!.i)!) olderFirst++;
    else newerFirst++;
  }
  return { olderFirst, newerFirst };
}
