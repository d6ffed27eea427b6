// GET /api/v1/storms/:id/preview?state=before|during|after: the action page as supporters will see it in
// that state, for the organiser's app to show in a frame. It is the real page, read at a moment inside
// that state and counting nothing; unlike the public page, it may be framed by our own origin.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { languageNav } from '../../http/language-nav.ts';
import { CONTENT_SECURITY_POLICY } from '../../http/security-headers.ts';
import { pickLanguage } from '../../i18n/index.ts';
import { findBrand, translatorFor } from '../accounts/index.ts';
import { openActionPage } from './action-page.service.ts';
import { actionPageHtml } from './action-page.view.ts';
import { getStormRow } from './storms.service.ts';

const PreviewQuery = Type.Object({
  state: Type.Union([Type.Literal('before'), Type.Literal('during'), Type.Literal('after')]),
  lang: Type.Optional(Type.String({ maxLength: 35 })),
  v: Type.Optional(Type.String({ maxLength: 40, description: 'Ignored: lets the app ask again after a change' })),
});

const FRAMEABLE_BY_US = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

/** A moment inside the state: a minute before the start, the start itself, a minute after the end. */
function momentIn(state: 'before' | 'during' | 'after', storm: { starts_at: string; ends_at: string }): Date {
  if (state === 'before') return new Date(Date.parse(storm.starts_at) - 60_000);
  if (state === 'during') return new Date(storm.starts_at);
  return new Date(Date.parse(storm.ends_at) + 60_000);
}

export function registerActionPagePreviewRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/storms/:id/preview', {
    config: { role: 'viewer' },
    schema: {
      tags: ['storms'], summary: 'The action page (HTML) as it will look before, during or after the storm; counts nothing',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: PreviewQuery,
      response: { 200: { description: 'text/html', content: { 'text/html': { schema: Type.String() } } } },
    },
  }, async (req, reply) => {
    const storm = await getStormRow(deps, req.params.id);
    const at = momentIn(req.query.state, storm);
    const page = await openActionPage({ ...deps, clock: { now: () => at } }, { slug: storm.slug, visitor: 'preview', count: false });
    if (page.state === 'missing') return reply.callNotFound();
    const t = await translatorFor(deps, pickLanguage([req.query.lang, storm.language]));
    return reply
      .header('Content-Security-Policy', FRAMEABLE_BY_US)
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      // the frame runs no scripts: the page works without them, so they are left out rather than refused
      .send(actionPageHtml(page, { t, brand: await findBrand(deps), languages: languageNav(t, req.query, ['state']), mastodonInstance: undefined })
        .replace(/<script\b[^>]*><\/script>\n?/g, ''));
  });
}
