import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Flag, Problem } from '../../lib/contract/index.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { syncModels } from '../../server/models/sync.ts';
import { openStore, type Store } from '../../server/store/open.ts';
import { createTestDatabase } from './support/databases.ts';
import { contextProblems, diffStates, identityState, type IdentityState } from './support/flags/flag-checks.ts';
import { flagBody, flagCompanyConfig, flagCompanyConfigInput, planFlags, sizeForFlags, writeFlagCompany, type PlannedFlag } from './support/flags/flag-company.ts';
import { startServeProcess, type ServeProcess } from './support/serve-process.ts';

/**
 * Issue 9, item 11: two `sidelight serve` processes on one PostgreSQL store. Flags and undos sent to both at
 * once are applied once; revoking a token through one is honoured by the other within a second.
 */
describe('flags through two server processes on one PostgreSQL', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let store: Store;
  let servers: ServeProcess[] = [];
  let start: IdentityState;
  const tokens = { one: '', two: '', rep: '', admin: '' };
  // Three groups of 40; an entity's two flags are neighbours in the plan, so many go out at the same moment.
  const size = sizeForFlags(120);
  const plan = planFlags(size, 120);
  const [sameKey, otherKeys, duringSync] = [plan.slice(0, 40), plan.slice(40, 80), plan.slice(80, 120)];
  const made = new Map<PlannedFlag, Flag>();
  let entityAtStart: Map<string, string>;

  const post = (server: number, path: string, token: string, body?: unknown, key?: string) =>
    fetch(`${servers[server]!.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const get = (server: number, path: string, token: string) => fetch(`${servers[server]!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (p: PlannedFlag) => flagBody(p, entityAtStart.get(`${p.kind}|${p.anchor.source}|${p.anchor.sourceId}`)!);
  const count = async (table: 'identity_flags' | 'review_items' | 'link_constraints' | 'idempotency_keys', where?: [string, string]) => {
    let query = store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (where) query = query.where(where[0] as never, '=', where[1] as never);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-two-servers-'));
    database = await createTestDatabase('sidelight_two_servers');
    await writeFlagCompany(dir, size);
    await writeFile(path.join(dir, 'sidelight.config.ts'), `export default ${JSON.stringify(flagCompanyConfigInput(dir), null, 2)};\n`);
    store = await openStore({ databaseUrl: database.url, dataDir: path.join(dir, 'data-test') });
    await syncModels(store.db, flagCompanyConfig(dir));
    tokens.one = (await createToken(store.db, { name: 'Ada Agent', role: 'support_agent' })).token;
    tokens.two = (await createToken(store.db, { name: 'Sam Support', role: 'support_agent' })).token;
    tokens.rep = (await createToken(store.db, { name: 'Rita Rep', role: 'cs_rep' })).token;
    tokens.admin = (await createToken(store.db, { name: 'Root', role: 'admin' })).token;
    const env = (n: number) => ({
      ...process.env,
      DATABASE_URL: database.url,
      SIDELIGHT_DATA_DIR: path.join(dir, `data-${n}`),
      SIDELIGHT_CONFIG: path.join(dir, 'sidelight.config.ts'),
      SIDELIGHT_RATE_LIMIT_PER_MINUTE: '0',
    });
    servers = await Promise.all([startServeProcess({ env: env(1) }), startServeProcess({ env: env(2) })]);
    start = await identityState(store.db);
    const rows = await store.db.selectFrom('source_records as r').innerJoin('entity_links as l', 'l.record_id', 'r.id').select(['l.entity_kind', 'r.source', 'r.source_id', 'l.entity_id']).execute();
    entityAtStart = new Map(rows.map((r) => [`${r.entity_kind}|${r.source}|${r.source_id}`, r.entity_id]));
  }, 60_000);
  afterAll(async () => {
    const codes = await Promise.all(servers.map((s) => s.stop()));
    await store?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
    // Neither process logged a failed request (a 500 logs its error).
    for (const s of servers) expect(s.output()).not.toMatch(/internal|error/i);
    expect(codes).toEqual(servers.map(() => 0));
  });

  it('applies a flag sent to both at once with one Idempotency-Key once, and answers both alike', async () => {
    await Promise.all(
      sameKey.map(async (p, i) => {
        const responses = await Promise.all([0, 1].map((s) => post(s, '/v1/flags', tokens.one, body(p), `two-servers-same-${i}`)));
        const texts = await Promise.all(responses.map((r) => r.text()));
        expect(responses.map((r) => r.status)).toEqual([201, 201]);
        expect(texts[1]).toBe(texts[0]);
        made.set(p, Flag.parse(JSON.parse(texts[0]!)));
      }),
    );
    expect(await count('identity_flags')).toBe(sameKey.length);
    expect(await count('review_items', ['kind', 'flag'])).toBe(sameKey.length);
    expect(await count('link_constraints')).toBe(sameKey.length);
    expect(await count('idempotency_keys')).toBe(sameKey.length);
    // Each process refreshed the contexts of what it changed; none wrote over a fresher one.
    expect(await contextProblems(store.db)).toEqual([]);
  });

  it('applies flags of one record sent to both with different keys once: a 201 and a 200 with the same flag', async () => {
    await Promise.all(
      otherKeys.map(async (p, i) => {
        // Half from one person on both, half from two people.
        const second = i % 2 === 0 ? tokens.one : tokens.two;
        const responses = await Promise.all([post(0, '/v1/flags', tokens.one, body(p), `two-servers-one-${i}`), post(1, '/v1/flags', second, body(p), `two-servers-two-${i}`)]);
        const flags = await Promise.all(responses.map(async (r) => Flag.parse(await r.json())));
        expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
        expect(flags[1]).toEqual(flags[0]);
        made.set(p, flags[0]!);
      }),
    );
    const flagged = sameKey.length + otherKeys.length;
    expect(await count('identity_flags')).toBe(flagged);
    expect(await count('review_items', ['kind', 'flag'])).toBe(flagged);
    expect(await count('link_constraints')).toBe(flagged);
    expect(await contextProblems(store.db)).toEqual([]);
  });

  it('applies flags sent to both while one of them syncs, and the sync keeps them', async () => {
    const sync = post(0, '/v1/models/all/run', tokens.admin);
    await Promise.all(
      duringSync.map(async (p, i) => {
        const res = await post(i % 2, '/v1/flags', i % 4 < 2 ? tokens.one : tokens.two, body(p), `two-servers-sync-${i}`);
        expect(res.status).toBe(201);
        made.set(p, Flag.parse(await res.json()));
      }),
    );
    const runs = (await (await sync).json()) as { runs: { status: string }[] };
    expect(runs.runs.length).toBeGreaterThan(0);
    expect(runs.runs.every((r) => r.status === 'succeeded')).toBe(true);
    const rows = await store.db.selectFrom('source_records as r').innerJoin('entity_links as l', 'l.record_id', 'r.id').select(['l.entity_kind', 'r.source', 'r.source_id', 'l.entity_id']).execute();
    const now = new Map(rows.map((r) => [`${r.entity_kind}|${r.source}|${r.source_id}`, r.entity_id]));
    for (const [p, flag] of made) expect(now.get(`${p.kind}|${p.record.source}|${p.record.sourceId}`), JSON.stringify(p.record)).toBe(flag.splitEntityId);
    expect(await contextProblems(store.db)).toEqual([]);
  });

  it('undoes each flag once when both are asked at once', async () => {
    await Promise.all(
      [...made.values()].map(async (flag, i) => {
        const responses = await Promise.all([post(0, `/v1/flags/${flag.id}/undo`, tokens.rep), post(1, `/v1/flags/${flag.id}/undo`, i % 2 ? tokens.rep : tokens.admin)]);
        const texts = await Promise.all(responses.map((r) => r.text()));
        expect(responses.map((r) => r.status).sort(), texts.join(' / ')).toEqual([200, 409]);
        const refused = texts[responses.findIndex((r) => r.status === 409)]!;
        expect(Problem.parse(JSON.parse(refused)).code).toBe('already_undone');
      }),
    );
    expect(await store.db.selectFrom('identity_flags').select('id').where('status', '=', 'applied').execute()).toEqual([]);
    expect(await contextProblems(store.db)).toEqual([]);
  });

  it('leaves one row of everything per flag, and after a sync the store as before the flags', async () => {
    const ids = [...made.values()].map((f) => f.id);
    expect(new Set(ids).size).toBe(plan.length);
    const reviews = await store.db.selectFrom('review_items').select(['flag_id', 'status', 'decision']).where('kind', '=', 'flag').execute();
    expect(reviews.map((r) => r.flag_id).sort()).toEqual([...ids].sort());
    expect(reviews.every((r) => r.status === 'decided' && r.decision === 'restore')).toBe(true);
    const constraints = await store.db.selectFrom('link_constraints').select(['flag_id', 'undone_at']).execute();
    expect(constraints.map((c) => c.flag_id).sort()).toEqual([...ids].sort());
    expect(constraints.every((c) => c.undone_at !== null)).toBe(true);
    const history = await store.db.selectFrom('identity_history').select(['action']).where('action', 'in', ['flag', 'undo']).execute();
    expect(history.filter((h) => h.action === 'flag').length).toBe(plan.length);
    expect(history.filter((h) => h.action === 'undo').length).toBe(plan.length);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'subject']).where('action', 'in', ['flag.create', 'flag.undo']).execute();
    expect(audit.filter((a) => a.action === 'flag.create').map((a) => a.subject).sort()).toEqual([...ids].sort());
    expect(audit.filter((a) => a.action === 'flag.undo').map((a) => a.subject).sort()).toEqual([...ids].sort());
    expect(await count('idempotency_keys')).toBe(sameKey.length + 2 * otherKeys.length + duringSync.length);

    const res = await post(1, '/v1/models/all/run', tokens.admin);
    expect(res.status).toBe(200);
    // The sync in the middle estimated the probabilistic model with flags in force, so probable links may
    // carry another score; every link's entity, rule and partner, every entity and pointer are as before.
    const diff = diffStates(start, await identityState(store.db), { rescoredProbable: true });
    expect(diff.examples).toEqual([]);
    expect(await contextProblems(store.db)).toEqual([]);
  });

  it('refuses a token revoked through the other process within a second', async () => {
    const { token, info } = await createToken(store.db, { name: 'Leaving Agent', role: 'support_agent' });
    // Both processes have just confirmed it (each keeps a confirmation for up to a second).
    expect((await Promise.all([0, 1].map((s) => get(s, '/v1/me', token)))).map((r) => r.status)).toEqual([200, 200]);
    const revoked = await post(0, `/v1/tokens/${info.id}/revoke`, tokens.admin);
    expect(revoked.status).toBe(200);
    const at = performance.now();
    expect((await get(0, '/v1/me', token)).status).toBe(401);
    let status = 200;
    while (status === 200 && performance.now() - at < 5_000) {
      status = (await get(1, '/v1/me', token)).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const took = performance.now() - at;
    expect(status).toBe(401);
    // One second of memo, plus a polling step and a loaded machine's request time.
    expect(took).toBeLessThan(1_400);
    // Flagging with it is refused too, by both.
    const flag = await Promise.all([0, 1].map((s) => post(s, '/v1/flags', token, body(plan[0]!), 'after-revoke')));
    expect(flag.map((r) => r.status)).toEqual([401, 401]);
  });
});
