// The two first-party cookies of the public pages (the storm page, the article page): a random visitor id (same
// visitor, same message; unique supporters in the stats without knowing who they are; one share link per
// visitor) and the supporter's Mastodon server.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../config/config.ts';

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
