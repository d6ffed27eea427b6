// /app and everything under it: the app's page for any of its screens (History routing), and its
// modules, stylesheet and libraries. A versioned URL (?v=<hash of the content>) is kept by browsers for
// good; any other asks again with its ETag. The page needs a session (else: the login page); the
// modules and the stylesheet hold no data and are the same for everyone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { choosePageLanguage, rememberLanguage } from '../../http/page-language.ts';
import { requireSessionPage } from '../accounts/index.ts';
import { createAppPage } from './app-page.ts';
import { loadWebFiles } from './web-files.ts';

export function registerAppShellRoutes(app: FastifyInstance, deps: Deps): void {
  const files = loadWebFiles();
  const page = createAppPage(files);
  const requireSession = requireSessionPage(deps);

  const servePage = async (req: FastifyRequest, reply: FastifyReply) => {
    const redirected = await requireSession(req, reply);
    if (redirected) return redirected;
    const { lang, chosen } = choosePageLanguage(req);
    if (chosen) rememberLanguage(reply, chosen, deps.config);
    return reply
      .header('Content-Security-Policy', page.contentSecurityPolicy)
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page.render(lang));
  };

  app.get('/app', { schema: { hide: true } }, servePage);
  app.get<{ Querystring: { v?: string } }>('/app/*', { schema: { hide: true } }, async (req, reply) => {
    const path = req.url.split('?')[0]!;
    const file = files.find(path);
    if (!file) return /\.(ts|css|m?js)$/.test(path) ? reply.callNotFound() : servePage(req, reply);
    const etag = `"${file.hash}"`;
    reply.header('ETag', etag).header('Cache-Control', req.query.v === file.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body());
  });
}
