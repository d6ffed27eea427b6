// An image the organiser uploads for an article, kept in the database (the simplest thing that works on
// every installation and in every process) and served from our own origin at /a/{slug}/image, so the page
// can show it under a CSP that allows no other origin, and link previews get it as og:image.
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../http/problem.ts';
import { forgetCachedArticle } from './article-cache.ts';
import { deleteImage, saveImage } from './article-images.repo.ts';
import { getArticle, getArticleRow, type ArticleView } from './articles.service.ts';
import { sniffImageType } from '../../lib/image-type.ts';

/** Link previews want at least 200×200 and at most a few MB; 5 MB holds any sensible photo. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export async function setArticleImage(deps: Pick<Deps, 'db' | 'clock' | 'config'>, id: number, data: Buffer): Promise<ArticleView> {
  const article = await getArticleRow(deps, id);
  const contentType = sniffImageType(data);
  if (!contentType) throw invalid([{ name: 'body', reason: 'must be a PNG, JPEG, GIF or WebP image' }], 'That is not an image we can show');
  const etag = createHash('sha256').update(data).digest('base64url').slice(0, 22);
  await saveImage(deps.db, id, { content_type: contentType, etag, data }, deps.clock.now().toISOString());
  forgetCachedArticle(deps.db, article.slug);
  return getArticle(deps, id);
}

export async function removeArticleImage(deps: Pick<Deps, 'db' | 'clock' | 'config'>, id: number): Promise<ArticleView> {
  const article = await getArticleRow(deps, id);
  await deleteImage(deps.db, id);
  forgetCachedArticle(deps.db, article.slug);
  return getArticle(deps, id);
}
