import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { SourceError } from '../../sources/types.ts';
import { SchemaNotFound } from '../../suggest/choose-schemas.ts';
import { suggestModels } from '../../suggest/suggest-models.ts';
import { SuggestRequest, SuggestResult } from '../../suggest/suggest-result.ts';
import { requireRole } from '../auth.ts';
import { AppError } from '../errors.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const suggest = createRoute({
  method: 'post',
  path: '/v1/sources/{id}/suggest',
  summary: "Propose a data model per kind from a source's schema, with a validated preview (admin)",
  security: [{ bearer: [] }],
  request: {
    params: z.object({ id: z.string() }),
    body: { required: false, content: { 'application/json': { schema: SuggestRequest } } },
  },
  responses: {
    200: { description: 'Proposals, and a models block for sidelight.config.ts', content: { 'application/json': { schema: SuggestResult } } },
    ...problemResponses,
    403: { description: 'Not an admin' },
    404: { description: 'No such source, or no such schema in it' },
    503: { description: 'The source could not be read' },
  },
});

export const suggestRoutes = createRouter().openapi(suggest, async (c) => {
  requireRole(c.var.caller, ['admin']);
  const { id } = c.req.valid('param');
  const { config } = c.var.deps;
  if (!config.sources[id]) throw new AppError(404, 'not_found', `No source named "${id}"; known: ${Object.keys(config.sources).join(', ')}.`);
  try {
    return c.json(await suggestModels(config, id, c.req.valid('json') ?? {}), 200);
  } catch (error) {
    if (error instanceof SchemaNotFound) throw new AppError(404, 'not_found', error.message);
    if (error instanceof SourceError) throw new AppError(503, 'source_unavailable', error.message);
    throw error;
  }
});
