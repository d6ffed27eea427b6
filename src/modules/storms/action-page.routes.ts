// The public pages of a storm: /s/:slug (the action page) and its form's POST, which counts the post and
// sends the supporter on to the network. Hidden from the API document.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { languageNav } from '../../http/language-nav.ts';
import { choosePageLanguage, LANGUAGE_COOKIE, rememberLanguage } from '../../http/page-language.ts';
import { acceptedLanguages } from '../../i18n/index.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { findBrand, translatorFor } from '../accounts/index.ts';
import { openActionPage } from './action-page.service.ts';
import { reminderFormFor } from './remind.service.ts';
import { reminderFormHtml } from './reminder-form.view.ts';
import { actionPageBytes } from './action-page-bytes.ts';
import { stormNotFoundPage } from './action-page.view.ts';
import { normalizeMastodonInstance } from './mastodon-instance.ts';
import { MAX_POST_TEXT } from './post-text.ts';
import { startPost } from './start-post.service.ts';
import { MASTODON_COOKIE, newVisitor, supporterCookieOptions, visitorOf } from '../../http/supporter-cookies.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const PageQuery = Type.Object({
  r: Type.Optional(Type.String({ maxLength: 200 })),
  variant: Type.Optional(Type.String({ maxLength: 20 })),
  /** The visitor's choice of language for the page's fixed words, remembered in a cookie. */
  lang: Type.Optional(Type.String({ maxLength: 35 })),
});
const PostBody = Type.Object({
  network: Type.String({ maxLength: 20 }),
  text: Type.String({ maxLength: MAX_POST_TEXT }),
  variant: Type.Optional(Type.String({ maxLength: 20 })),
  /** The storm target the page's post addressed: its address is rewritten for the chosen network. */
  target: Type.Optional(Type.String({ maxLength: 20 })),
  r: Type.Optional(Type.String({ maxLength: 200 })),
  mastodon_instance: Type.Optional(Type.String({ maxLength: 300 })),
  /** The language the page showed the storm in. */
  language: Type.Optional(Type.String({ maxLength: 35 })),
});

export function registerActionPageRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOptions = supporterCookieOptions(deps.config);

  app.get('/s/:slug', { schema: { hide: true, params: SlugParams, querystring: PageQuery } }, async (req, reply) => {
    const known = visitorOf(req);
    const visitor = known ?? newVisitor(reply, cookieOptions);
    const page = await openActionPage(deps, {
      slug: req.params.slug, r: req.query.r, variant: req.query.variant, visitor, newVisitor: known === undefined, count: req.method === 'GET',
      chosen: [req.query.lang, req.cookies[LANGUAGE_COOKIE]], accepted: acceptedLanguages(req.headers['accept-language']),
    });
    reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8');
    const { lang, chosen } = choosePageLanguage(req, page.state === 'missing' ? [] : [page.storm.language]);
    if (chosen) rememberLanguage(reply, chosen, deps.config);
    const t = await translatorFor(deps, lang);
    const brand = await findBrand(deps);
    if (page.state === 'missing') return reply.code(404).send(stormNotFoundPage(t, brand));
    return reply.send(actionPageBytes(page, {
      t, brand, languages: languageNav(t, req.query, ['variant', 'r']),
      mastodonInstance: normalizeMastodonInstance(req.cookies[MASTODON_COOKIE]),
      reminder: page.state === 'before'
        ? reminderFormHtml(await reminderFormFor(deps, { slug: page.storm.slug, visitor, r: req.query.r }), t) : undefined,
    }));
  });

  app.post('/s/:slug/post', { schema: { hide: true, params: SlugParams, body: PostBody } }, async (req, reply) => {
    const outcome = await startPost(deps, req.params.slug, req.body, visitorOf(req));
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    if (outcome.kind === 'closed') {
      const back = `/s/${encodeURIComponent(req.params.slug)}` + (isTokenShaped(req.body.r) ? `?r=${req.body.r}` : '');
      return reply.redirect(back, 303);
    }
    if (outcome.mastodonInstance) reply.setCookie(MASTODON_COOKIE, outcome.mastodonInstance, cookieOptions);
    return reply.redirect(outcome.url, 302);
  });
}
