// Articles: "Not on social media? Read and share this article". An article served at /a/:slug (or a tracked
// redirect to one elsewhere) with link-preview tags and share buttons that give each sharer a first-party
// link of their own, so the organiser sees who shared and who arrived through whom, without any third party.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { registerArticlePageRoutes } from './article-page.routes.ts';
import { registerArticleApiRoutes } from './articles.routes.ts';

export {
  createArticle, getArticle, listArticles, updateArticle, findArticleReference, articleUrl,
  type ArticleView, type ArticlePatch, type ArticleReference,
} from './articles.service.ts';
export type { ArticleInput } from './article-fields.ts';
export { articleStats, type ArticleStats } from './article-stats.service.ts';
export { personShares, anonymisePersonShares, type PersonShare } from './person-shares.repo.ts';

export function registerArticleRoutes(app: FastifyInstance, deps: Deps): void {
  registerArticleApiRoutes(app, deps);
  registerArticlePageRoutes(app, deps);
}
