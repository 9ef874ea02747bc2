import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { DecisionRequest, ReviewItem, ReviewQueue } from '../../../lib/contract/index.ts';
import { refreshContexts } from '../../context/refresh-contexts.ts';
import { decideReview } from '../../identity/decide-review.ts';
import { withIdentityLock } from '../../identity/identity-lock.ts';
import { listReviewItems, toReviewItem } from '../../identity/review-items.ts';
import { missError } from '../identity-errors.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const list = createRoute({
  method: 'get',
  path: '/v1/review',
  summary: 'The review queue, newest first: open items unless `status` says otherwise, with their evidence and impact',
  security: [{ bearer: [] }],
  request: { query: z.object({ status: z.enum(['open', 'decided', 'all']).default('open'), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: { description: 'Review items', content: { 'application/json': { schema: ReviewQueue } } }, ...problemResponses },
});

const decide = createRoute({
  method: 'post',
  path: '/v1/review/{id}/decision',
  summary: 'Decide a review item (cs_rep, admin): confirm or restore a flag; merge or reject an uncertain pair',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    body: { required: true, content: { 'application/json': { schema: DecisionRequest } } },
  },
  responses: {
    200: { description: 'The decided item', content: { 'application/json': { schema: ReviewItem } } },
    ...problemResponses,
    403: { description: 'Only a cs_rep or an admin decides' },
    404: { description: 'No such item' },
    409: { description: 'Already decided, or it conflicts with a decision in force; nothing changed' },
    422: { description: 'The decision does not fit the item (merge on a flag, confirm on an uncertain pair)' },
  },
});

export const reviewRoutes = createRouter()
  .openapi(list, async (c) => {
    const { store, config } = c.var.deps;
    const rows = await listReviewItems(store.db, c.req.valid('query'));
    return c.json({ items: rows.map((row) => toReviewItem(row, config, c.var.caller.role)) }, 200);
  })
  .openapi(decide, async (c) => {
    const { store, config } = c.var.deps;
    const outcome = await withIdentityLock(store.db, (trx) => decideReview(trx, config, c.req.valid('param').id, c.req.valid('json'), c.var.caller));
    if (!outcome.ok) throw missError(outcome);
    await refreshContexts(store.db, config, { entityIds: outcome.touchedEntityIds });
    return c.json(toReviewItem(outcome.item, config, c.var.caller.role), 200);
  });
