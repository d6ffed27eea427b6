// The supporter cookies live in src/http/supporter-cookies.ts, shared with the article page.
export { MASTODON_COOKIE, VISITOR_COOKIE, supporterCookieOptions } from '../../http/supporter-cookies.ts';
