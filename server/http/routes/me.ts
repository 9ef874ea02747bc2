import { createRoute } from '@hono/zod-openapi';
import { Me } from '../../../lib/contract/index.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'Who the token belongs to, its role, and the properties and metrics that role may see',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'The caller', content: { 'application/json': { schema: Me } } }, 401: problemResponses[401] },
});

export const meRoutes = createRouter().openapi(route, (c) => {
  const { name, role } = c.var.caller;
  const visibleProperties = c.var.deps.config.properties
    .filter((p) => p.roles.includes(role))
    .map(({ entity, key, label, group, format, maskFor }) => ({ entity, key, label, group, format, masked: maskFor.includes(role) }));
  const visibleMetrics = c.var.deps.config.metrics
    .filter((m) => m.roles.includes(role))
    .map(({ entity, key, label, format }) => ({ entity, key, label, format }));
  return c.json({ name, role, visibleProperties, visibleMetrics }, 200);
});
