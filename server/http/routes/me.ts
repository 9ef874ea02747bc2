import { createRoute } from '@hono/zod-openapi';
import { Me } from '../../../lib/contract/index.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'Who the token belongs to and its role',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'The caller', content: { 'application/json': { schema: Me } } }, 401: problemResponses[401] },
});

export const meRoutes = createRouter().openapi(route, (c) => {
  const { name, role } = c.var.caller;
  return c.json({ name, role }, 200);
});
