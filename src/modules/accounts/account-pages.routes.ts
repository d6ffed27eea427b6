// The server-rendered pages of getting in: /login (with its second step for a code), /logout, and
// /setup/{token}, where a one-time link creates the first owner or lets an invited user choose a
// password. Plain forms that work without JavaScript, each with a CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { checkCsrf, checkPreSessionCsrf, CSRF_FIELD, preSessionCsrfToken } from '../../http/csrf.ts';
import { languageNav } from '../../http/language-nav.ts';
import { choosePageLanguage, rememberLanguage } from '../../http/page-language.ts';
import { Problem } from '../../http/problem.ts';
import { sendRetryAfter, TooManyRequests } from '../../http/rate-limit.ts';
import type { Translator } from '../../i18n/index.ts';
import { checkAccountLink, useAccountLink, type AccountLink } from './account-links.service.ts';
import { recordAudit } from './audit-log.service.ts';
import { findSessionOf } from './authenticate.ts';
import { codePage, loginPage } from './login-page.view.ts';
import { logIn, logInWithCode, startSession, type LoginOutcome } from './login.service.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';
import { actorOf } from './principal.ts';
import { safeNext } from './safe-next.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.ts';
import { endSession } from './sessions.service.ts';
import { setupPage } from './setup-page.view.ts';
import { translatorFor } from './string-overrides.service.ts';

type Form = Record<string, unknown>;
const hide = { schema: { hide: true } };
// signing out, or a new password (which ends the user's other sessions): open requests are looked at again after it
const hideRevoking = { ...hide, config: { revokesAccess: true } };
const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function registerAccountPages(app: FastifyInstance, deps: Deps): void {
  async function translator(req: FastifyRequest, reply: FastifyReply): Promise<Translator> {
    const { lang, chosen } = choosePageLanguage(req);
    if (chosen) rememberLanguage(reply, chosen, deps.config);
    return translatorFor(deps, lang);
  }
  const send = (reply: FastifyReply, status: number, page: string) =>
    reply.code(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page);
  const nav = (t: Translator, req: FastifyRequest) => languageNav(t, req.query as Record<string, unknown>, ['next']);
  const nextOf = (value: unknown) => (typeof value === 'string' && value ? safeNext(value) : undefined);

  app.get<{ Querystring: Form }>('/login', hide, async (req, reply) => {
    if (await findSessionOf(deps, req)) return reply.redirect(safeNext(req.query.next), 303);
    const t = await translator(req, reply);
    const csrf = preSessionCsrfToken(req, reply, deps.secret, deps.config);
    const info = req.query.signed_out !== undefined ? t.text('login.signedOut')
      : req.query.password_set !== undefined ? t.text('login.passwordSet') : undefined;
    return send(reply, 200, loginPage(t, deps.config.orgName, { csrf, next: nextOf(req.query.next), info }, nav(t, req)));
  });

  app.post<{ Body: Form | undefined; Querystring: Form }>('/login', hide, async (req, reply) => {
    const form = req.body ?? {};
    checkPreSessionCsrf(req, deps.secret, deps.config, form[CSRF_FIELD]);
    const t = await translator(req, reply);
    const csrf = preSessionCsrfToken(req, reply, deps.secret, deps.config);
    const next = nextOf(form.next);
    const pending = typeof form.pending === 'string' ? form.pending : undefined;
    const loginAgain = (status: number, error: string) =>
      send(reply, status, loginPage(t, deps.config.orgName, { csrf, next, error, email: pending ? undefined : text(form.email) }, nav(t, req)));
    let outcome: LoginOutcome;
    try {
      outcome = pending
        ? await logInWithCode(deps, { pending, code: text(form.code) }, req.ip)
        : await logIn(deps, { email: text(form.email), password: text(form.password) }, req.ip);
    } catch (err) {
      if (err instanceof TooManyRequests) {
        sendRetryAfter(reply, err);
        return loginAgain(429, t.text('login.tooMany', { minutes: Math.ceil(err.retryAfter / 60) }));
      }
      if (err instanceof Problem && err.type === 'totp-failed' && pending) {
        return send(reply, 401, codePage(t, deps.config.orgName, { csrf, next, pending, error: t.text('login.code.failed') }, nav(t, req)));
      }
      if (err instanceof Problem && err.type === 'login-failed') return loginAgain(401, t.text(pending ? 'login.code.expired' : 'login.failed'));
      throw err;
    }
    if (outcome.status === 'code-needed') {
      return send(reply, 200, codePage(t, deps.config.orgName, { csrf, next, pending: outcome.pending }, nav(t, req)));
    }
    setSessionCookie(reply, deps.config, outcome.session.token, outcome.session.maxAgeSeconds);
    return reply.header('Cache-Control', 'no-store').redirect(safeNext(form.next), 303);
  });

  app.post<{ Body: Form | undefined }>('/logout', hideRevoking, async (req, reply) => {
    const user = await findSessionOf(deps, req);
    if (user) {
      checkCsrf(deps.secret, user.sessionHash!, (req.body ?? {})[CSRF_FIELD]);
      await endSession(deps, readSessionCookie(req, deps.config)!);
      await recordAudit(deps, { actor: actorOf(user), action: 'logout', ip: req.ip });
    }
    clearSessionCookie(reply, deps.config);
    return reply.header('Cache-Control', 'no-store').redirect('/login?signed_out=1', 303);
  });

  app.get<{ Params: { token: string }; Querystring: Form }>('/setup/:token', hide, async (req, reply) => {
    const link = await checkAccountLink(deps, req.params.token);
    const t = await translator(req, reply);
    const csrf = preSessionCsrfToken(req, reply, deps.secret, deps.config);
    return send(reply, 200, setupPage(t, deps.config.orgName, link, { csrf, action: `/setup/${req.params.token}` }, languageNav(t, {}, [])));
  });

  app.post<{ Params: { token: string }; Body: Form | undefined }>('/setup/:token', hideRevoking, async (req, reply) => {
    const form = req.body ?? {};
    checkPreSessionCsrf(req, deps.secret, deps.config, form[CSRF_FIELD]);
    const link = await checkAccountLink(deps, req.params.token);
    const t = await translator(req, reply);
    const input = { name: text(form.name), email: text(form.email), password: text(form.password) };
    let user;
    try {
      user = await useAccountLink(deps, req.params.token, input, req.ip);
    } catch (err) {
      const errors = err instanceof Problem ? fieldErrors(t, err, link, input) : undefined;
      if (!errors) throw err;
      const csrf = preSessionCsrfToken(req, reply, deps.secret, deps.config);
      const state = { csrf, action: `/setup/${req.params.token}`, name: input.name, email: input.email, errors };
      return send(reply, (err as Problem).status, setupPage(t, deps.config.orgName, link, state, languageNav(t, {}, [])));
    }
    // the link proves the address, not the authenticator app: a user with one signs in with its code
    if (user.secondFactor) return reply.header('Cache-Control', 'no-store').redirect('/login?password_set=1', 303);
    const session = await startSession(deps, user, req.ip);
    setSessionCookie(reply, deps.config, session.token, session.maxAgeSeconds);
    return reply.header('Cache-Control', 'no-store').redirect('/app', 303);
  });
}

/** The form's fields in the page's words, for a problem the form can show; undefined for any other. */
function fieldErrors(t: Translator, err: Problem, link: AccountLink, input: { email: string; password: string }): Record<string, string> | undefined {
  if (err.type === 'conflict') return { email: t.text('setup.error.emailTaken') };
  if (err.type !== 'validation-failed') return undefined;
  const errors: Record<string, string> = {};
  for (const p of err.invalidParams ?? []) {
    if (p.name === 'name') errors.name = t.text('setup.error.name');
    if (p.name === 'email') errors.email = t.text('setup.error.email');
    if (p.name === 'password') {
      const problem = passwordProblem(input.password, link.user?.email ?? input.email.trim().toLowerCase());
      errors.password = problem === 'long' ? t.text('setup.error.passwordLong', { max: MAX_PASSWORD_LENGTH })
        : problem === 'common' ? t.text('setup.error.passwordCommon')
          : t.text('setup.error.passwordShort', { min: MIN_PASSWORD_LENGTH });
    }
  }
  return errors;
}
