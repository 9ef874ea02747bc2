import { createRoute } from '@hono/zod-openapi';
import { Me } from '../../../lib/contract/index.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'Who the token belongs to, its role, and the properties that role may see',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'The caller', content: { 'application/json': { schema: Me } } }, 401: problemResponses[401] },
});

export const meRoutes = createRouter().openapi(route, (c) => {
  const { name, role } = c.var.caller;
  const visibleProperties = c.var.deps.config.properties
    .filter((p) => p.roles.includes(role))
    .map(({ entity, key, label, group, format }) => ({ entity, key, label, group, format }));
  return c.json({ name, role, visibleProperties }, 200);
});
