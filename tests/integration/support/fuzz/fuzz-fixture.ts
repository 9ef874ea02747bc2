import { ROLES } from '../../../../lib/contract/index.ts';
import { createToken, revokeToken } from '../../../../server/auth/tokens.ts';
import type { SidelightConfig } from '../../../../server/config/schema.ts';
import { createApp } from '../../../../server/http/app.ts';
import { syncModels } from '../../../../server/models/sync.ts';
import { openTestStore, type TestStore } from '../databases.ts';
import { operationsOf, type OpenApiDocument, type Operation } from './api-requests.ts';
import type { JsonSchema } from './json-schema-arbitrary.ts';

export interface FuzzFixture {
  t: TestStore;
  app: ReturnType<typeof createApp>;
  tokens: Record<string, string>;
  /** Real ids (entities, records, models, sources, properties, a flag, a review item) for the generators. */
  known: string[];
  components: Record<string, JsonSchema>;
}

/** The OpenAPI document needs no store: read it before the store exists, to name one test per operation. */
export async function readOperations(config: SidelightConfig): Promise<{ operations: Operation[]; components: Record<string, JsonSchema> }> {
  const app = createApp({ store: null as never, config, version: 'fuzz', runModels: async () => undefined, serialise: (work) => work() });
  const doc = (await (await app.request('/openapi.json')).json()) as OpenApiDocument;
  return { operations: operationsOf(doc), components: doc.components?.schemas ?? {} };
}

/**
 * A PGlite store with the source company synced, a token per role plus a revoked and an expired one, one
 * flag (so a flag and a review item exist), and the app on it with model runs that really run.
 */
export async function openFuzzFixture(config: SidelightConfig): Promise<FuzzFixture> {
  const t = await openTestStore('pglite');
  await syncModels(t.store.db, config);
  const app = createApp({ store: t.store, config, version: 'fuzz', runModels: (models, options) => syncModels(t.store.db, config, { ...(models ? { models } : {}), ...options }), serialise: (work) => work() });
  const tokens: Record<string, string> = {};
  for (const role of ROLES) tokens[role] = (await createToken(t.store.db, { name: `fuzz ${role}`, role })).token;
  const revoked = await createToken(t.store.db, { name: 'fuzz revoked', role: 'admin' });
  await revokeToken(t.store.db, revoked.info.id);
  tokens.revoked = revoked.token;
  tokens.expired = (await createToken(t.store.db, { name: 'fuzz expired', role: 'admin', expiresAt: new Date(Date.now() - 1000) })).token;

  const db = t.store.db;
  const member = await db
    .selectFrom('entity_links as l')
    .innerJoin('source_records as r', 'r.id', 'l.record_id')
    .select(['l.entity_id', 'l.entity_kind', 'r.source', 'r.source_id'])
    .where('l.entity_kind', '=', 'person')
    .where('l.entity_id', 'in', db.selectFrom('entity_links').select('entity_id').groupBy('entity_id').having((eb) => eb.fn.countAll(), '>', 1))
    .orderBy('r.id')
    .executeTakeFirstOrThrow();
  const flagged = await app.request('/v1/flags', {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json', 'idempotency-key': 'fuzz-fixture-flag' },
    body: JSON.stringify({ record: { source: member.source, sourceId: member.source_id }, entity: { kind: member.entity_kind, id: member.entity_id } }),
  });
  if (flagged.status !== 201) throw new Error(`fixture flag: ${flagged.status} ${await flagged.text()}`);

  const entities = (await db.selectFrom('entities').select('id').execute()).map((r) => r.id);
  const records = await db.selectFrom('source_records').select(['source', 'source_id']).execute();
  const flags = (await db.selectFrom('identity_flags').select('id').execute()).map((r) => r.id);
  const reviews = (await db.selectFrom('review_items').select('id').execute()).map((r) => r.id);
  const known = [
    ...entities,
    ...records.flatMap((r) => [r.source, r.source_id]),
    ...flags,
    ...reviews,
    ...config.models.map((m) => m.name),
    ...Object.keys(config.sources),
    ...config.properties.map((p) => p.key),
  ];
  const { components } = await readOperations(config);
  return { t, app, tokens, known: [...new Set(known)], components };
}
