// Every /api/v1 route needs a caller: a bearer token (`Authorization: Bearer …`) or a logged-in user's
// session cookie. A cookie-borne change must also carry the session's CSRF token (a bearer token is no
// ambient authority, so it needs none). Then the route's role is checked (see roles.ts), and each
// successful change is written in the audit log. A request that stays open (a live stream) is watched:
// it ends when its credential goes (credential-watch.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { checkCsrf, CSRF_HEADER } from '../../http/csrf.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from './audit-log.service.ts';
import { authenticateRequest, currentPrincipal } from './authenticate.ts';
import { createCredentialWatch } from './credential-watch.ts';
import { actorOf } from './principal.ts';
import { DEFAULT_ROUTE_ROLE, hasRole } from './roles.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const API_PREFIX = '/api/v1/';

/**
 * Is this a call of the API? Decided by the route the request matched, never by its raw URL: the router
 * decodes the path first, so `/%61pi/v1/people` reaches the route of `/api/v1/people`. A request no route
 * matched fails closed: when its path, decoded and in any case, looks like the API's, it must still
 * authenticate before it learns that nothing is there.
 */
export function isApiRequest(req: FastifyRequest): boolean {
  return isApiRoute(req.routeOptions.url, req.url);
}

function isApiRoute(route: string | undefined, url: string): boolean {
  if (route !== undefined) return route.startsWith(API_PREFIX);
  return routedPath(url).toLowerCase().startsWith('/api/');
}

function routedPath(url: string): string {
  const path = url.split('?')[0]!;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: the path as it came
  }
  return decoded.replace(/\/{2,}/g, '/');
}

export function registerApiAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('principal', undefined);
  const watch = createCredentialWatch({
    current: (principal) => currentPrincipal(deps, principal),
    onError: (err) => deps.log.warn({ err }, 'could not look again at the credentials of open requests'),
  });
  app.addHook('onClose', async () => watch.close());

  // callback hooks that return at once for a public page: an async hook costs every request a promise,
  // and the storm page's burst is thousands of requests a second
  app.addHook('onRequest', (req, reply, done) => {
    const route = req.routeOptions; // a getter that builds an object each time
    if (!isApiRoute(route.url, req.url) || route.config?.public) return done();
    authenticateApiCall(req, reply).then(() => done(), done);
  });

  async function authenticateApiCall(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const access = req.routeOptions.config ?? {};
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
    watch.hold(req, reply, principal, required);
  }

  // before the answer goes out, not after it: a caller that reads the audit log next finds the change in it,
  // and a process that dies after answering has still written it down
  app.addHook('onSend', (req, reply, payload, done) => {
    if (!req.principal && !req.routeOptions.config?.revokesAccess) return done(null, payload);
    afterApiCall(req, reply).then(() => done(null, payload), (err: Error) => done(err));
  });

  // the change, not its content: method and route pattern, the route's parameters, never the body
  async function afterApiCall(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (req.routeOptions.config?.revokesAccess && reply.statusCode < 400) await watch.recheck(req);
    if (!req.principal || SAFE_METHODS.has(req.method) || reply.statusCode >= 400 || !isApiRequest(req)) return;
    if (req.routeOptions.config?.audit === false || req.routeOptions.url === undefined) return;
    const params = Object.entries((req.params ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join(' ');
    try {
      await recordAudit(deps, { actor: actorOf(req.principal), action: `${req.method} ${req.routeOptions.url}`, subject: params || null, ip: req.ip });
    } catch (err) {
      req.log.error({ err }, 'could not write the audit log');
    }
  }
}
