// The login cookie: a random token (only its hash is stored), HttpOnly so no script reads it, SameSite=Lax
// so another site's form posts go without it, and Secure with the __Host- prefix when Outcry is served over
// https (the prefix makes the browser refuse one set by a sibling domain or over plain http).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.ts';

type CookieConfig = Pick<Config, 'publicUrl'>;

const isHttps = (config: CookieConfig) => config.publicUrl.startsWith('https:');

export function sessionCookieName(config: CookieConfig): string {
  return isHttps(config) ? '__Host-oc_session' : 'oc_session';
}

export function readSessionCookie(req: FastifyRequest, config: CookieConfig): string | undefined {
  const value = req.cookies?.[sessionCookieName(config)];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function setSessionCookie(reply: FastifyReply, config: CookieConfig, token: string, maxAgeSeconds: number): void {
  reply.setCookie(sessionCookieName(config), token, { httpOnly: true, sameSite: 'lax', secure: isHttps(config), path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, config: CookieConfig): void {
  reply.clearCookie(sessionCookieName(config), { httpOnly: true, sameSite: 'lax', secure: isHttps(config), path: '/' });
}
