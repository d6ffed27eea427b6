// The public pages of an article: /a/:slug (the page, or the tracked redirect to an article elsewhere), its
// share form's POST, which counts the share and sends the reader on to the network with their own link, and
// the uploaded image. Hidden from the API document.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { languageNav } from '../../http/language-nav.ts';
import { choosePageLanguage, rememberLanguage } from '../../http/page-language.ts';
import { MASTODON_COOKIE, newVisitor, supporterCookieOptions, visitorOf } from '../../http/supporter-cookies.ts';
import { normalizeMastodonInstance } from '../../lib/mastodon-host.ts';
import { findBrand, translatorFor } from '../accounts/index.ts';
import { findCachedArticle, findCachedImage } from './article-cache.ts';
import { ARTICLE_SLUG } from './article-fields.ts';
import { articleNotFoundPage, articlePageHtml } from './article-page.view.ts';
import { shareArticle } from './share-article.service.ts';
import { visitArticle } from './visit-article.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const PageQuery = Type.Object({
  via: Type.Optional(Type.String({ maxLength: 200 })),
  r: Type.Optional(Type.String({ maxLength: 200 })),
  lang: Type.Optional(Type.String({ maxLength: 35 })),
});
const ShareBody = Type.Object({
  network: Type.String({ maxLength: 20 }),
  via: Type.Optional(Type.String({ maxLength: 200 })),
  r: Type.Optional(Type.String({ maxLength: 200 })),
  mastodon_instance: Type.Optional(Type.String({ maxLength: 300 })),
});
const ImageQuery = Type.Object({ v: Type.Optional(Type.String({ maxLength: 100 })) });

export function registerArticlePageRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOptions = supporterCookieOptions(deps.config);

  app.get('/a/:slug', { schema: { hide: true, params: SlugParams, querystring: PageQuery } }, async (req, reply) => {
    const visitor = visitorOf(req) ?? newVisitor(reply, cookieOptions);
    const visit = await visitArticle(deps, { slug: req.params.slug, via: req.query.via, r: req.query.r, visitor, count: req.method === 'GET' });
    reply.header('Cache-Control', 'no-store');
    // the article's own site learns nothing of where its reader came from (the header is set for every reply too)
    if (visit.kind === 'redirect') return reply.header('Referrer-Policy', 'no-referrer').redirect(visit.url, 302);
    const { lang, chosen } = choosePageLanguage(req, visit.kind === 'page' ? [visit.cached.article.language] : []);
    if (chosen) rememberLanguage(reply, chosen, deps.config);
    const t = await translatorFor(deps, lang);
    const brand = await findBrand(deps);
    reply.type('text/html; charset=utf-8');
    if (visit.kind === 'missing') return reply.code(404).send(articleNotFoundPage(t, brand));
    return reply.send(articlePageHtml(visit.cached, {
      t, languages: languageNav(t, req.query, ['via', 'r']), publicUrl: deps.config.publicUrl, brand,
      via: visit.via, r: visit.r, mastodonInstance: normalizeMastodonInstance(req.cookies[MASTODON_COOKIE]),
    }));
  });

  app.post('/a/:slug/share', { schema: { hide: true, params: SlugParams, body: ShareBody } }, async (req, reply) => {
    const outcome = await shareArticle(deps, req.params.slug, req.body, visitorOf(req));
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    if (outcome.mastodonInstance) reply.setCookie(MASTODON_COOKIE, outcome.mastodonInstance, cookieOptions);
    return reply.redirect(outcome.url, 302);
  });

  app.get('/a/:slug/image', { schema: { hide: true, params: SlugParams, querystring: ImageQuery } }, async (req, reply) => {
    const cached = ARTICLE_SLUG.test(req.params.slug) ? await findCachedArticle(deps.db, req.params.slug) : undefined;
    const image = cached?.image && (await findCachedImage(deps.db, cached.image));
    if (!image) return reply.callNotFound();
    const etag = `"${image.etag}"`;
    // the page asks for it with its ETag in ?v=, which changes with every upload: that address never goes stale
    reply.header('ETag', etag).header('Cache-Control', req.query.v === image.etag ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(image.content_type).send(image.data);
  });
}
