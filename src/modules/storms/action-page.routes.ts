// The public pages of a storm: /s/:slug (the action page) and its form's POST, which counts the post and
// sends the supporter on to the network. Hidden from the API document. Their answers are made as data
// (action-page.answer.ts, post-form.answer.ts), which the front door (storm-front-door.ts) writes too when
// it takes a request before Fastify's routing; these routes answer the rest, and app.inject.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { pageRequestOf, sendAnswer } from '../../http/answer.ts';
import type { ActionPageAnswer } from './action-page.answer.ts';
import type { PostFormAnswer } from './post-form.answer.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });

export function registerActionPageRoutes(root: FastifyInstance, page: ActionPageAnswer, post: PostFormAnswer): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // the query and the form are checked by the answers, as they are for the front door
  app.get('/s/:slug', { schema: { hide: true, params: SlugParams } },
    async (req, reply) => sendAnswer(reply, await page(pageRequestOf(req), req.params.slug)));
  app.post('/s/:slug/post', { schema: { hide: true, params: SlugParams } },
    async (req, reply) => sendAnswer(reply, await post(pageRequestOf(req), req.params.slug, req.body)));
}
