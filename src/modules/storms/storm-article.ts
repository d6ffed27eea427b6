// A storm may point at one of our articles (by id, or by slug) instead of an article_url of its own: the
// article's page then is the storm's article link, in every post and on the page before, during and after.
// The storm keeps the article's id too, so the organiser sees which article it is.
import type { Deps } from '../../deps.ts';
import type { Storm } from '../../db/schema.ts';
import { findArticleReference } from '../articles/index.ts';
import { validationFailed } from './storm-fields.ts';

interface ArticleFields {
  /** An article's id (a number) or slug (a string); null removes the article and its link. */
  article?: number | string | null | undefined;
  article_url?: string | null | undefined;
}

/**
 * The input with article_url made from the article it names, and the article's id; `current` is the storm
 * being edited. An article_url of its own (a different one) replaces the article.
 */
export async function resolveStormArticle<T extends ArticleFields>(deps: Pick<Deps, 'db' | 'config'>, input: T, current?: Pick<Storm, 'article_id' | 'article_url'>): Promise<{ input: T; articleId: number | null }> {
  const { article } = input;
  if (article === undefined) {
    const replaced = input.article_url !== undefined && input.article_url !== current?.article_url;
    return { input, articleId: replaced ? null : current?.article_id ?? null };
  }
  if (article === null) return { input: { ...input, article_url: input.article_url ?? null }, articleId: null };
  if (input.article_url !== undefined && input.article_url !== null) {
    throw validationFailed([{ name: 'article', reason: 'give an article or an article_url, not both' }]);
  }
  const found = await findArticleReference(deps, article);
  if (!found) {
    throw validationFailed([{ name: 'article', reason: typeof article === 'number' ? `there is no article with id ${article}` : `there is no article with the slug "${article}"` }]);
  }
  return { input: { ...input, article_url: found.url }, articleId: found.id };
}
