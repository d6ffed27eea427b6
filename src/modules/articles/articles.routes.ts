// /api/v1/articles: create, read, list and edit articles, their image and their numbers. One service call each.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { MAX_IMAGE_BYTES, removeArticleImage, setArticleImage } from './article-image.service.ts';
import { articleStats } from './article-stats.service.ts';
import { ArticleCreated, ArticleId, ArticleInput, ArticleList, ArticleListQuery, ArticlePatch, ArticleStats, ArticleView } from './articles.schema.ts';
import { createArticle, getArticle, listArticles, updateArticle } from './articles.service.ts';
import { IMAGE_TYPES } from '../../lib/image-type.ts';

const tags = ['articles'];
// reading needs a viewer; writing (the default) a campaigner
const viewer = { role: 'viewer' } as const;

export function registerArticleApiRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/articles', {
    schema: { tags, summary: 'Create an article: a Markdown body, or an external_url', body: ArticleInput, response: { 201: ArticleCreated } },
  }, async (req, reply) => reply.code(201).send(await createArticle(deps, req.body)));

  app.get('/api/v1/articles', {
    config: viewer,
    schema: { tags, summary: 'Articles, newest first', querystring: ArticleListQuery, response: { 200: ArticleList } },
  }, async (req) => ({ items: await listArticles(deps, req.query) }));

  app.get('/api/v1/articles/:id', {
    config: viewer,
    schema: { tags, summary: 'An article', params: ArticleId, response: { 200: ArticleView } },
  }, async (req) => getArticle(deps, req.params.id));

  app.patch('/api/v1/articles/:id', {
    schema: { tags, summary: 'Change an article (not its slug)', params: ArticleId, body: ArticlePatch, response: { 200: ArticleView } },
  }, async (req) => updateArticle(deps, req.params.id, req.body));

  app.get('/api/v1/articles/:id/stats', {
    config: viewer,
    schema: { tags: [...tags, 'stats'], summary: 'Visits, shares and the referral chain of an article', params: ArticleId, response: { 200: ArticleStats } },
  }, async (req) => articleStats(deps, req.params.id));

  // the image's bytes are the body; the parser is this scope's own, so no other route takes images
  void app.register(async (scope) => {
    scope.addContentTypeParser([...IMAGE_TYPES], { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<TypeBoxTypeProvider>().put('/api/v1/articles/:id/image', {
      bodyLimit: MAX_IMAGE_BYTES,
      schema: {
        tags, summary: 'Upload the article\'s image (PNG, JPEG, GIF or WebP, up to 5 MB; the bytes are the body)', params: ArticleId,
        consumes: [...IMAGE_TYPES], response: { 200: ArticleView },
      },
    }, async (req) => setArticleImage(deps, req.params.id, req.body as Buffer));
    scope.withTypeProvider<TypeBoxTypeProvider>().delete('/api/v1/articles/:id/image', {
      schema: { tags, summary: 'Remove the article\'s uploaded image', params: ArticleId, response: { 200: ArticleView } },
    }, async (req) => removeArticleImage(deps, req.params.id));
  });
}
