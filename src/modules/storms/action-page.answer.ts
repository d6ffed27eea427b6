// The answer to GET (or HEAD) /s/:slug, the page a storm's supporters arrive at. Made as data (http/answer.ts)
// so the same answer is given whether the request came through Fastify's route or the front door
// (storm-front-door.ts), which takes the burst's requests before Fastify's routing.
import type { Deps } from '../../deps.ts';
import type { Answer, PageRequest } from '../../http/answer.ts';
import { languageNav } from '../../http/language-nav.ts';
import { LANGUAGE_COOKIE, languageCookieOptions, pageLanguageOf } from '../../http/page-language.ts';
import { readStringFields } from '../../http/string-fields.ts';
import { errorAnswer } from '../../http/error-handler.ts';
import { MASTODON_COOKIE, setCookieLine, supporterCookieOptions, VISITOR_COOKIE, visitorIn } from '../../http/supporter-cookies.ts';
import { acceptedLanguages } from '../../i18n/index.ts';
import { sortableToken } from '../../lib/tokens.ts';
import { findBrand, translatorFor } from '../accounts/index.ts';
import { actionPageBytes } from './action-page-bytes.ts';
import { openActionPage } from './action-page.service.ts';
import { stormNotFoundPage } from './action-page.view.ts';
import { normalizeMastodonInstance } from './mastodon-instance.ts';
import { reminderFormFor } from './remind.service.ts';
import { reminderFormHtml } from './reminder-form.view.ts';

const PAGE_QUERY = {
  r: { maxLength: 200 },
  variant: { maxLength: 20 },
  /** The visitor's choice of language for the page's fixed words, remembered in a cookie. */
  lang: { maxLength: 35 },
};

export type ActionPageAnswer = (req: PageRequest, slug: string) => Promise<Answer>;

export function actionPageAnswer(deps: Deps): ActionPageAnswer {
  const cookieOptions = supporterCookieOptions(deps.config);
  const languageOptions = languageCookieOptions(deps.config);
  // a new visitor's cookie differs from the next one's only by its value, a token that needs no encoding
  const visitorCookieTail = setCookieLine(VISITOR_COOKIE, '', cookieOptions).slice(VISITOR_COOKIE.length + 1);

  return async (req, slug) => {
    const cookies: string[] = [];
    try {
      const query = readStringFields(req.query, 'querystring', PAGE_QUERY);
      const known = visitorIn(req.cookies);
      const visitor = known ?? sortableToken();
      if (!known) cookies.push(`${VISITOR_COOKIE}=${visitor}${visitorCookieTail}`);
      const page = await openActionPage(deps, {
        slug, r: query.r, variant: query.variant, visitor, newVisitor: known === undefined, count: req.method === 'GET',
        chosen: [query.lang, req.cookies[LANGUAGE_COOKIE]], accepted: acceptedLanguages(req.acceptLanguage),
      });
      const { lang, chosen } = pageLanguageOf(query.lang, req.cookies[LANGUAGE_COOKIE], req.acceptLanguage, page.state === 'missing' ? [] : [page.storm.language]);
      if (chosen) cookies.push(setCookieLine(LANGUAGE_COOKIE, chosen, languageOptions));
      const t = await translatorFor(deps, lang);
      const brand = await findBrand(deps);
      const headers = cookies.length === 0 ? PAGE_HEADERS : { ...PAGE_HEADERS, 'set-cookie': cookies };
      if (page.state === 'missing') return { status: 404, headers, body: stormNotFoundPage(t, brand) };
      return {
        status: 200,
        headers,
        body: actionPageBytes(page, {
          t, brand, languages: languageNav(t, query, NAV_KEEPS),
          mastodonInstance: normalizeMastodonInstance(req.cookies[MASTODON_COOKIE]),
          reminder: page.state === 'before'
            ? reminderFormHtml(await reminderFormFor(deps, { slug: page.storm.slug, visitor, r: query.r }), t) : undefined,
        }),
      };
    } catch (err) {
      // as through Fastify's error handler, the cookies set before the error go with it
      const answer = await errorAnswer(err, req, deps.log, (lang) => translatorFor(deps, lang));
      return cookies.length === 0 ? answer : { ...answer, headers: { ...answer.headers, 'set-cookie': cookies } };
    }
  };
}

const PAGE_HEADERS = { 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' };
/** The page's query the language links carry over. */
const NAV_KEEPS = ['variant', 'r'];
