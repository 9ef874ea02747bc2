import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requireToken } from './auth.ts';
import { docsPage } from './docs-page.ts';
import type { AppDeps, AppEnv } from './env.ts';
import { AppError, problem } from './errors.ts';
import { entityContextRoutes } from './routes/entity-contexts.ts';
import { entityRoutes } from './routes/entities.ts';
import { erasureRoutes } from './routes/erasures.ts';
import { flagRoutes } from './routes/flags.ts';
import { governanceRoutes } from './routes/governance.ts';
import { healthRoutes } from './routes/health.ts';
import { lookupRoutes } from './routes/lookup.ts';
import { meRoutes } from './routes/me.ts';
import { modelRoutes } from './routes/models.ts';
import { reviewRoutes } from './routes/review.ts';
import { propertyOverrideRoutes } from './routes/property-overrides.ts';
import { searchRoutes } from './routes/search.ts';
import { suggestRoutes } from './routes/suggest.ts';
import { tokenRoutes } from './routes/tokens.ts';

/**
 * The extension's pages call from chrome-extension:// (or moz-extension://, random per Firefox install);
 * the bearer token, not the origin, is the credential, so any extension origin may call.
 */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]+$/i;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', cors({ origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null), allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-none-match'], maxAge: 600 }));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('/v1/*', requireToken);

  app.route('/', healthRoutes);
  app.route('/', meRoutes);
  app.route('/', lookupRoutes);
  app.route('/', entityContextRoutes);
  app.route('/', searchRoutes);
  app.route('/', propertyOverrideRoutes);
  app.route('/', governanceRoutes);
  app.route('/', modelRoutes);
  app.route('/', suggestRoutes);
  app.route('/', tokenRoutes);
  app.route('/', flagRoutes);
  app.route('/', reviewRoutes);
  app.route('/', entityRoutes);
  app.route('/', erasureRoutes);
  app.route('/docs', docsPage);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Sidelight API', version: deps.version, description: 'Customer context for the Sidelight extension. Errors are application/problem+json.' },
  });

  app.notFound((c) => problem(c, new AppError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((error, c) => {
    if (error instanceof AppError) return problem(c, error);
    if (error instanceof HTTPException) {
      const status = error.status === 400 ? 400 : error.status;
      return problem(c, new AppError(status as 400, status === 400 ? 'invalid_request' : 'http_error', error.message || 'Malformed request.'));
    }
    console.error(error);
    return problem(c, new AppError(500, 'internal', 'Something went wrong on the server; the log has the details.'));
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
