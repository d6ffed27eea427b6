// Cross-site request forgery: a request carried by a cookie must also carry a token another site cannot
// know. With a session, the token is an HMAC of the session (a synchronizer token bound to it, and so
// nothing to store): the API sends it in the `x-csrf-token` header, a form in a hidden `_csrf` field.
// Before there is a session (the login and set-up forms) a random first-party cookie stands in for it:
// the form's field is the HMAC of that cookie, which another site can neither read nor set. Over https
// the cookie is `__Host-` prefixed, like the session's: a sibling domain or plain http cannot plant one.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import { randomToken, sign } from '../lib/tokens.ts';
import { Problem } from './problem.ts';

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

type CookieConfig = Pick<Config, 'publicUrl'>;

const isHttps = (config: CookieConfig) => config.publicUrl.startsWith('https:');
const formCookieName = (config: CookieConfig) => (isHttps(config) ? '__Host-oc_form' : 'oc_form');

export function csrfTokenFor(secret: string, binding: string): string {
  return sign(secret, 'csrf', binding);
}

export function csrfFailed(): Problem {
  return new Problem(403, 'csrf-failed', 'The request lacks a valid CSRF token',
    `Send the session's csrf_token (GET /api/v1/session) in the ${CSRF_HEADER} header, or use a bearer token.`);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws csrf-failed unless `given` is the token bound to `binding`. */
export function checkCsrf(secret: string, binding: string, given: unknown): void {
  if (typeof given !== 'string' || !same(given, csrfTokenFor(secret, binding))) throw csrfFailed();
}

/** The token for a form shown before login; sets the cookie it is bound to when the browser has none. */
export function preSessionCsrfToken(req: FastifyRequest, reply: FastifyReply, secret: string, config: CookieConfig): string {
  const name = formCookieName(config);
  let value = req.cookies?.[name];
  if (!value || !/^[A-Za-z0-9_-]{22}$/.test(value)) {
    value = randomToken();
    reply.setCookie(name, value, { httpOnly: true, sameSite: 'lax', secure: isHttps(config), path: '/' });
    // a form re-rendered in the same request reads the new value
    if (req.cookies) req.cookies[name] = value;
  }
  return csrfTokenFor(secret, `form:${value}`);
}

/** Throws csrf-failed unless the form's field matches this browser's pre-session cookie. */
export function checkPreSessionCsrf(req: FastifyRequest, secret: string, config: CookieConfig, given: unknown): void {
  const value = req.cookies?.[formCookieName(config)];
  if (!value) throw csrfFailed();
  checkCsrf(secret, `form:${value}`, given);
}
