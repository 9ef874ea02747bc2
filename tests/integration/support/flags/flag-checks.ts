import type { Kysely } from 'kysely';
import { probablePartner } from '../../../../server/identity/describe-probable-link.ts';
import type { Database } from '../../../../server/store/schema.ts';
import { identitySnapshot } from '../identity-snapshot.ts';

/** What an undo promises to give back: every link row to the microsecond, every entity, every pointer, and the membership the history knows. */
export async function identityState(db: Kysely<Database>) {
  const members = await db.selectFrom('identity_members').select(['entity_kind', 'record_key', 'entity_id']).orderBy('entity_kind').orderBy('record_key').execute();
  return { ...(await identitySnapshot(db)), members };
}
export type IdentityState = Awaited<ReturnType<typeof identityState>>;

type LinkRow = IdentityState['links'][number];

/**
 * The differences between two states, row by row ("links 123: {…} → {…}"), at most `limit`, and how many
 * rows differ per table: a thousand-row `toEqual` diff says less than this. With `rescoredProbable`, a
 * probable link that kept its entity, rule and partner but not its score (a sync estimated the model
 * again) is counted as `probableRescored` instead of a difference.
 */
export function diffStates(
  expected: IdentityState,
  actual: IdentityState,
  options: { limit?: number; rescoredProbable?: boolean } = {},
): { counts: Record<string, number>; examples: string[] } {
  const limit = options.limit ?? 20;
  const counts: Record<string, number> = {};
  const examples: string[] = [];
  const compare = <T>(table: string, a: readonly T[], b: readonly T[], keyOf: (row: T) => string, forgive?: (a: T, b: T) => boolean) => {
    const before = new Map(a.map((row) => [keyOf(row), row]));
    const after = new Map(b.map((row) => [keyOf(row), row]));
    let n = 0;
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const [x, y] = [before.get(key), after.get(key)];
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      if (x && y && forgive?.(x, y)) {
        counts.probableRescored = (counts.probableRescored ?? 0) + 1;
        continue;
      }
      n++;
      if (examples.length < limit) examples.push(`${table} ${key}: ${x ? JSON.stringify(x) : '(none)'} → ${y ? JSON.stringify(y) : '(none)'}`);
    }
    if (n) counts[table] = n;
  };
  const partner = (l: LinkRow) => JSON.stringify(probablePartner(l.explanation));
  const rescored = (a: LinkRow, b: LinkRow) =>
    a.rule === 'probable_match' && b.rule === 'probable_match' && a.entity_id === b.entity_id && a.entity_kind === b.entity_kind && a.decided_by === b.decided_by && partner(a) === partner(b);
  compare('links', expected.links, actual.links, (l) => String(l.record_id), options.rescoredProbable ? rescored : undefined);
  compare('entities', expected.entities, actual.entities, (e) => e.id);
  compare('pointers', expected.pointers, actual.pointers, (p) => String(p.id));
  compare('members', expected.members, actual.members, (m) => `${m.entity_kind}|${m.record_key}`);
  return { counts, examples };
}

/**
 * Where the precomputed contexts disagree with the links: an entity without a context row, a row of an
 * entity that is gone, or a body whose name or matches are not the entity's name and members now.
 */
export async function contextProblems(db: Kysely<Database>, limit = 20): Promise<string[]> {
  const entities = await db.selectFrom('entities').select(['id', 'name']).execute();
  const links = await db
    .selectFrom('entity_links as l')
    .innerJoin('source_records as r', 'r.id', 'l.record_id')
    .select(['l.entity_id', 'l.rule', 'r.source', 'r.source_id'])
    .orderBy('r.id')
    .execute();
  const contexts = await db.selectFrom('entity_context').select(['entity_id', 'body']).execute();
  const membersOf = Map.groupBy(links, (l) => l.entity_id);
  const contextOf = new Map(contexts.map((c) => [c.entity_id, c.body as { ref: { name: string }; matches: { source: string; sourceId: string; rule: string; entity: { id: string } }[] }]));
  const problems: string[] = [];
  for (const entity of entities) {
    const body = contextOf.get(entity.id);
    if (!body) {
      problems.push(`${entity.id}: no context`);
      continue;
    }
    const want = (membersOf.get(entity.id) ?? []).map((l) => `${l.source}|${l.source_id}|${l.rule}`).sort().join(', ');
    const have = body.matches.map((m) => `${m.source}|${m.sourceId}|${m.rule}`).sort().join(', ');
    if (want !== have) problems.push(`${entity.id}: context lists [${have}], links say [${want}]`);
    else if (body.ref.name !== entity.name) problems.push(`${entity.id}: context names "${body.ref.name}", the entity "${entity.name}"`);
  }
  const ids = new Set(entities.map((e) => e.id));
  for (const c of contexts) if (!ids.has(c.entity_id)) problems.push(`${c.entity_id}: context of an entity that is gone`);
  return problems.slice(0, limit).concat(problems.length > limit ? [`… ${problems.length - limit} more`] : []);
}
