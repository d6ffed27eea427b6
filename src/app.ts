// buildApp(deps): the Fastify instance with every module registered. Tests use it directly.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Deps } from './deps.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { createFrontDoor } from './http/front-door.ts';
import { registerHealthRoutes } from './http/health.routes.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerStaticAssets } from './http/static-assets.ts';
import { registerHomePage } from './http/home-page.ts';
import { registerAppShellRoutes } from './modules/app-shell/index.ts';
import { registerAccountRoutes, registerApiAuth, registerSettingsRoutes, translatorFor } from './modules/accounts/index.ts';
import { registerArticleRoutes } from './modules/articles/index.ts';
import { registerBounceRoutes } from './modules/bounces/index.ts';
import { registerMessageRoutes } from './modules/messages/index.ts';
import { registerPeopleRoutes } from './modules/people/index.ts';
import { registerStatsRoutes } from './modules/stats/index.ts';
import { registerStormRoutes } from './modules/storms/index.ts';

export type App = FastifyInstance;

export async function buildApp(deps: Deps, options: { logger?: boolean } = {}): Promise<App> {
  const frontDoor = createFrontDoor();
  const app = Fastify({
    serverFactory: frontDoor.serverFactory,
    loggerInstance: options.logger ? deps.log : undefined,
    trustProxy: deps.config.trustProxy, // TRUST_PROXY: believe no X-Forwarded-For unless told which proxies to
    bodyLimit: 64 * 1024 * 1024, // CSV imports of a few hundred thousand rows
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Outcry API', version: '1', description: 'Supporters, storms and email for coordinated social-media storms. Nouns and fields follow OSDI where OSDI has them.' },
      servers: [{ url: deps.config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(formbody);
  await app.register(cookie);
  // CSV imports arrive as text/csv; the import reads the body as a stream
  app.addContentTypeParser(['text/csv', 'application/csv'], (_req, payload, done) => done(null, payload));

  const translators = (lang: string) => translatorFor(deps, lang);
  registerErrorHandler(app, translators);
  registerSecurityHeaders(app);
  registerStaticAssets(app);
  registerApiAuth(app, deps);
  registerHomePage(app, deps, translators);
  registerSettingsRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  const stormDoor = registerStormRoutes(app, deps);
  registerArticleRoutes(app, deps);
  registerMessageRoutes(app, deps);
  registerStatsRoutes(app, deps);
  registerBounceRoutes(app, deps);
  registerAppShellRoutes(app, deps);

  registerHealthRoutes(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // while closing, every request goes to Fastify, which answers 503
  app.addHook('preClose', (done) => { frontDoor.close(); done(); });
  await app.ready();
  frontDoor.open(stormDoor);
  return app;
}
