// The two first-party cookies of the public pages (the storm page, the article page): a random visitor id (same
// visitor, same message; unique supporters in the stats without knowing who they are; one share link per
// visitor) and the supporter's Mastodon server.
import { fastifyCookie, type CookieSerializeOptions, type SerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import { isTokenShaped, sortableToken } from '../lib/tokens.ts';

export const VISITOR_COOKIE = 'oc_v';
export const MASTODON_COOKIE = 'oc_mastodon';

export function supporterCookieOptions(config: Pick<Config, 'publicUrl'>): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    secure: config.publicUrl.startsWith('https:'),
  };
}

/** The visitor id the request's cookie carries, when it has the shape of one. */
export function visitorOf(req: FastifyRequest): string | undefined {
  return visitorIn(req.cookies);
}

/** The same, from the request's cookies however they were read. */
export function visitorIn(cookies: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = cookies[VISITOR_COOKIE];
  return isTokenShaped(value) ? value : undefined;
}

/** The Set-Cookie line reply.setCookie(name, value, options) writes, for an answer made without a reply. */
export function setCookieLine(name: string, value: string, options: CookieSerializeOptions): string {
  return fastifyCookie.serialize(name, value, { sameSite: 'lax', ...options } as SerializeOptions);
}

/** A new visitor id, set as the visitor's cookie. */
export function newVisitor(reply: FastifyReply, options: CookieSerializeOptions): string {
  const visitor = sortableToken();
  reply.setCookie(VISITOR_COOKIE, visitor, options);
  return visitor;
}
