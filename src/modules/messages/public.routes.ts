// The public routes emails link to: /l/ (a tracked link), /u/ (unsubscribe) and, where a message tracks
// opens, /o/ (its pixel).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../deps.ts';
import { languageNav } from '../../http/language-nav.ts';
import { choosePageLanguage, rememberLanguage } from '../../http/page-language.ts';
import { findBrand, translatorFor } from '../accounts/index.ts';
import { followTrackedLink } from './follow-link.service.ts';
import { TRANSPARENT_GIF } from './open-pixel.ts';
import { recordOpen } from './record-open.service.ts';
import { checkUnsubscribeLink, unsubscribeByLink } from './unsubscribe.service.ts';
import { unsubscribedPage, unsubscribePage } from './unsubscribe.view.ts';

type TokenRequest = { Params: { token: string }; Querystring: Record<string, unknown>; Body: unknown };
const hidden = { schema: { hide: true } };

export function registerPublicMessageRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<TokenRequest>('/l/:token', hidden, async (req, reply) => {
    const url = await followTrackedLink(deps, { token: req.params.token, message: req.query.m, url: req.query.u, signature: req.query.s }, req.method === 'GET');
    return reply.header('Cache-Control', 'no-store').redirect(url, 302);
  });

  // always the image, even for a bad signature: a broken image in someone's mail helps nobody. Webmail
  // shows it inside another site's page, so it may be loaded cross-origin (this runs after the global headers).
  const crossOrigin = async (_req: unknown, reply: FastifyReply, payload: unknown) => {
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return payload;
  };
  app.get<TokenRequest>('/o/:token.gif', { ...hidden, onSend: crossOrigin }, async (req, reply) => {
    if (req.method === 'GET') await recordOpen(deps, req.params.token, req.query.s);
    return reply.header('Cache-Control', 'no-store, private').type('image/gif').send(TRANSPARENT_GIF);
  });

  // RFC 8058 allows the one-click POST as multipart/form-data too; this scope reads it as plain text.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => done(null, body));

    scope.get<TokenRequest>('/u/:token', hidden, async (req, reply) => {
      const link = await checkUnsubscribeLink(deps, req.params.token, req.query.s);
      const { lang, chosen } = choosePageLanguage(req, link.languages);
      if (chosen) rememberLanguage(reply, chosen, deps.config);
      const t = await translatorFor(deps, lang);
      const action = `/u/${req.params.token}?s=${encodeURIComponent(String(req.query.s))}`;
      return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8')
        .send(unsubscribePage(t, await findBrand(deps), action, languageNav(t, req.query, ['s'])));
    });

    scope.post<TokenRequest>('/u/:token', hidden, async (req, reply) => {
      const oneClick = isOneClick(req.body);
      const link = await unsubscribeByLink(deps, req.params.token, req.query.s, oneClick ? 'one-click' : 'unsubscribe-page');
      reply.header('Cache-Control', 'no-store');
      // a mail client's one-click request gets a plain answer nobody reads
      if (oneClick) return reply.type('text/plain; charset=utf-8').send('You are unsubscribed.\n');
      const t = await translatorFor(deps, choosePageLanguage(req, link.languages).lang);
      return reply.type('text/html; charset=utf-8').send(unsubscribedPage(t, await findBrand(deps)));
    });
  });
}

/** A mail client's one-click request: the body List-Unsubscribe=One-Click, form-encoded or multipart. */
function isOneClick(body: unknown): boolean {
  if (typeof body === 'string') return /List-Unsubscribe"?\s*(=|\r?\n\r?\n)\s*One-Click/i.test(body);
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click';
}
