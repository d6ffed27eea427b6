// /api/v1/session: the web app's login, its user and CSRF token, logout, and the user's second factor.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { csrfTokenFor } from '../../http/csrf.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from './audit-log.service.ts';
import { codeNeeded, logIn } from './login.service.ts';
import { actorOf, type Principal } from './principal.ts';
import { withRetryAfter } from './retry-after.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.ts';
import { LoginInput, SessionView, TotpBegin, TotpCode, TotpEnrolment, TotpState } from './session.schema.ts';
import { endSession, findSessionUser } from './sessions.service.ts';
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp } from './totp.service.ts';

const tags = ['session'];
const viewer = { role: 'viewer', audit: false } as const;

const noSession = () => new Problem(401, 'unauthorized', 'Not logged in', 'Log in with POST /api/v1/session or at /login; an API token has no session.');

function sessionView(deps: Pick<Deps, 'secret'>, user: Principal) {
  return {
    user: { id: user.id, name: user.name, email: user.email!, role: user.role, totp_enabled: user.totpEnabled ?? false },
    csrf_token: csrfTokenFor(deps.secret, user.sessionHash!),
  };
}

function sessionUser(req: FastifyRequest): Principal {
  if (req.principal?.type !== 'user') throw noSession();
  return req.principal;
}

export function registerSessionRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/session', {
    config: viewer,
    schema: { tags, summary: 'The logged-in user and the CSRF token for changes', response: { 200: SessionView } },
  }, async (req) => sessionView(deps, sessionUser(req)));

  app.post('/api/v1/session', {
    config: { public: true, audit: false },
    schema: { tags, summary: 'Log in (sets the session cookie); `totp` for a user with a second factor', body: LoginInput, response: { 200: SessionView } },
  }, async (req, reply) => {
    // JSON only: a form on another site can post url-encoded bodies, never JSON without a CORS preflight
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new Problem(415, 'unsupported-media-type', 'Send the login as application/json');
    }
    const outcome = await withRetryAfter(reply, () => logIn(deps, req.body, req.ip));
    if (outcome.status !== 'done') throw codeNeeded();
    setSessionCookie(reply, deps.config, outcome.session.token, outcome.session.maxAgeSeconds);
    const user = await findSessionUser(deps, outcome.session.token);
    return sessionView(deps, user!);
  });

  app.delete('/api/v1/session', {
    config: { ...viewer, revokesAccess: true },
    schema: { tags, summary: 'Log out (ends the session)' },
  }, async (req, reply) => {
    const user = sessionUser(req);
    const token = readSessionCookie(req, deps.config);
    if (token) await endSession(deps, token);
    clearSessionCookie(reply, deps.config);
    await recordAudit(deps, { actor: actorOf(user), action: 'logout', ip: req.ip });
    return reply.code(204).send();
  });

  app.post('/api/v1/session/totp', {
    config: viewer,
    schema: { tags, summary: 'Begin enrolling a second factor (needs the current password): a new secret, on once a code from it is confirmed', body: TotpBegin, response: { 200: TotpEnrolment } },
  }, async (req, reply) => withRetryAfter(reply, () => beginTotpEnrolment(deps, sessionUser(req), req.body.password, req.ip)));

  app.post('/api/v1/session/totp/confirm', {
    config: viewer,
    schema: { tags, summary: 'Confirm the second factor with a code from the new secret', body: TotpCode, response: { 200: TotpState } },
  }, async (req) => confirmTotpEnrolment(deps, sessionUser(req), req.body.code, req.ip));

  app.delete('/api/v1/session/totp', {
    config: viewer,
    schema: { tags, summary: 'Turn the second factor off (needs a current code)', body: TotpCode, response: { 200: TotpState } },
  }, async (req) => disableTotp(deps, sessionUser(req), req.body.code, req.ip));
}
