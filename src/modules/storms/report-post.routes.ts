// POST /s/:slug/posted: the action page's optional "I posted — paste the link" form. Back to the page after,
// with ?posted=1 so it can say thank you. Hidden from the API document.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { reportPost } from './report-post.service.ts';
import { visitorOf } from '../../http/supporter-cookies.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const ReportBody = Type.Object({
  url: Type.String({ maxLength: 2000 }),
  r: Type.Optional(Type.String({ maxLength: 200 })),
});

export function registerReportPostRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/s/:slug/posted', { schema: { hide: true, params: SlugParams, body: ReportBody } }, async (req, reply) => {
    const outcome = await reportPost(deps, req.params.slug, req.body, visitorOf(req));
    const query = new URLSearchParams();
    if (outcome.kind === 'recorded') query.set('posted', '1');
    if (isTokenShaped(req.body.r)) query.set('r', req.body.r);
    const back = `/s/${encodeURIComponent(req.params.slug)}${query.size > 0 ? `?${query}` : ''}`;
    return reply.header('Cache-Control', 'no-store').redirect(back, 303);
  });
}
