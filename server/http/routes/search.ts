import { createRoute } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { z } from 'zod';
import { SearchResults } from '../../../lib/contract/index.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const search = createRoute({
  method: 'get',
  path: '/v1/search',
  summary: 'Accounts and people by name, email or domain (the sidebar search and candidate switcher)',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      q: z.string().trim().min(2, 'at least 2 characters').max(200),
      kind: z.enum(['account', 'person']).optional(),
      limit: z.coerce.number().int().min(1).max(50).default(20),
    }),
  },
  responses: { 200: { description: 'Best matches first', content: { 'application/json': { schema: SearchResults } } }, ...problemResponses },
});

/** `%` and `_` in the query are literal, not LIKE wildcards. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export const searchRoutes = createRouter().openapi(search, async (c) => {
  const { q, kind, limit } = c.req.valid('query');
  const pattern = likePattern(q.toLowerCase());
  let query = c.var.deps.store.db
    .selectFrom('entities')
    .select(['id', 'kind', 'name', 'detail'])
    .where((eb) => eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(detail)`, 'like', pattern)]))
    // Exact and prefix hits first, then the closest names.
    .orderBy(sql`(lower(name) = ${q.toLowerCase()} or lower(detail) = ${q.toLowerCase()})`, 'desc')
    .orderBy(sql`(lower(name) like ${`${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`})`, 'desc')
    .orderBy(sql`similarity(lower(name), ${q.toLowerCase()})`, 'desc')
    .orderBy('name')
    .limit(limit);
  if (kind) query = query.where('kind', '=', kind);
  const rows = await query.execute();
  return c.json({ query: q, results: rows.map((r) => ({ kind: r.kind, id: r.id, name: r.name, detail: r.detail })) }, 200);
});
