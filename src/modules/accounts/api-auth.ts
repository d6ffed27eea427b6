// Every /api/v1 route needs a caller: a bearer token (`Authorization: Bearer …`) or a logged-in user's
// session cookie. A cookie-borne change must also carry the session's CSRF token (a bearer token is no
// ambient authority, so it needs none). Then the route's role is checked (see roles.ts), and each
// successful change is written in the audit log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { checkCsrf, CSRF_HEADER } from '../../http/csrf.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from './audit-log.service.ts';
import { authenticateRequest } from './authenticate.ts';
import { actorOf } from './principal.ts';
import { DEFAULT_ROUTE_ROLE, hasRole } from './roles.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isApiRequest = (req: FastifyRequest) => req.url.startsWith('/api/v1/');

export function registerApiAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('principal', undefined);

  app.addHook('onRequest', async (req, reply) => {
    if (!isApiRequest(req)) return;
    const access = req.routeOptions.config ?? {};
    if (access.public) return;
    const principal = await authenticateRequest(deps, req);
    if (!principal) {
      reply.header('WWW-Authenticate', 'Bearer realm="outcry"');
      throw new Problem(401, 'unauthorized', 'A valid API token or login is required',
        'Send "Authorization: Bearer <token>" (create one with `outcry token create --name NAME`), or log in at /login.');
    }
    if (principal.sessionHash && !SAFE_METHODS.has(req.method)) checkCsrf(deps.secret, principal.sessionHash, req.headers[CSRF_HEADER]);
    // a path no route serves is a 404 whatever the role
    const required = req.routeOptions.url === undefined ? 'viewer' : access.role ?? DEFAULT_ROUTE_ROLE;
    if (!hasRole(principal.role, required)) {
      throw new Problem(403, 'forbidden', 'Your role may not do this', `This needs the ${required} role; ${principal.type === 'user' ? 'you are' : 'this token is'} ${principal.role}.`);
    }
    req.principal = principal;
  });

  // the change, not its content: method and route pattern, the route's parameters, never the body
  app.addHook('onResponse', async (req, reply) => {
    if (!req.principal || SAFE_METHODS.has(req.method) || reply.statusCode >= 400 || !isApiRequest(req)) return;
    if (req.routeOptions.config?.audit === false || req.routeOptions.url === undefined) return;
    const params = Object.entries((req.params ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join(' ');
    try {
      await recordAudit(deps, { actor: actorOf(req.principal), action: `${req.method} ${req.routeOptions.url}`, subject: params || null, ip: req.ip });
    } catch (err) {
      req.log.error({ err }, 'could not write the audit log');
    }
  });
}
