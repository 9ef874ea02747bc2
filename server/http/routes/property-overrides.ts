import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { PropertyOverrideRequest } from '../../../lib/contract/index.ts';
import { refreshContexts } from '../../context/refresh-contexts.ts';
import { requireRole } from '../auth.ts';
import { AppError } from '../errors.ts';
import { createRouter, problemResponses } from '../openapi-app.ts';

const params = z.object({ id: z.string().min(1).max(100), key: z.string().regex(/^[a-z][a-z0-9_]*$/) });
const Override = z.object({ entity: z.string(), key: z.string(), value: PropertyOverrideRequest.shape.value, note: z.string().nullable(), setBy: z.string(), setAt: z.string() });

const put = createRoute({
  method: 'put',
  path: '/v1/entities/{id}/properties/{key}',
  summary: "Override a property's value for one entity (admin; audited): it wins over every source until removed",
  security: [{ bearer: [] }],
  request: { params, body: { required: true, content: { 'application/json': { schema: PropertyOverrideRequest } } } },
  responses: {
    200: { description: 'The override in force', content: { 'application/json': { schema: Override } } },
    403: { description: 'Not an admin' },
    404: { description: 'No such entity, or no such property for its kind' },
    ...problemResponses,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/entities/{id}/properties/{key}',
  summary: 'Remove an override (admin; audited): the sources decide again',
  security: [{ bearer: [] }],
  request: { params },
  responses: { 204: { description: 'Removed' }, 403: { description: 'Not an admin' }, 404: { description: 'No such override' }, ...problemResponses },
});

export const propertyOverrideRoutes = createRouter()
  .openapi(put, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const { id, key } = c.req.valid('param');
    const { value, note } = c.req.valid('json');
    const { store, config } = c.var.deps;
    const entity = await store.db.selectFrom('entities').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();
    if (!entity) throw new AppError(404, 'not_found', `No entity ${id}.`);
    if (!config.properties.some((p) => p.entity === entity.kind && p.key === key)) {
      throw new AppError(404, 'unknown_property', `No ${entity.kind} property "${key}" in the configuration.`);
    }
    const setBy = c.var.caller.name;
    const row = await store.db.transaction().execute(async (trx) => {
      const saved = await trx
        .insertInto('property_overrides')
        .values({ entity_id: id, key, value: JSON.stringify(value), note: note ?? null, set_by: setBy })
        .onConflict((oc) => oc.columns(['entity_id', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), note: eb.ref('excluded.note'), set_by: eb.ref('excluded.set_by'), set_at: new Date() })))
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.insertInto('audit_log').values({ actor: setBy, action: 'property.override', subject: `${id}.${key}`, detail: JSON.stringify({ value, note: note ?? null }) }).execute();
      return saved;
    });
    await refreshContexts(store.db, config, { entityIds: [id] });
    return c.json({ entity: id, key, value: row.value as typeof value, note: row.note, setBy: row.set_by, setAt: row.set_at.toISOString() }, 200);
  })
  .openapi(remove, async (c) => {
    requireRole(c.var.caller, ['admin']);
    const { id, key } = c.req.valid('param');
    const { store, config } = c.var.deps;
    const removed = await store.db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('property_overrides').where('entity_id', '=', id).where('key', '=', key).returning('key').executeTakeFirst();
      if (gone) await trx.insertInto('audit_log').values({ actor: c.var.caller.name, action: 'property.override_removed', subject: `${id}.${key}`, detail: null }).execute();
      return gone;
    });
    if (!removed) throw new AppError(404, 'not_found', `No override of "${key}" on ${id}.`);
    await refreshContexts(store.db, config, { entityIds: [id] });
    return c.body(null, 204);
  });
