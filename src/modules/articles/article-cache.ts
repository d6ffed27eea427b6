// A shared article can bring thousands of readers in a minute, all reading the same row. Each process keeps
// an article (with its body already rendered) for a second, as the storm page does with its storm; an
// organiser's edit shows at once in the process that made it and within a second in the others. An image's
// bytes are kept by their ETag: a new upload has a new one, so what is kept is never stale.
import type { Article, Db } from '../../db/schema.ts';
import { renderArticleBody } from './article-markdown.ts';
import { findImage, selectImageInfo, type ImageInfo, type StoredImage } from './article-images.repo.ts';
import { findArticleRowBySlug } from './articles.repo.ts';

const KEEP_MS = 1_000;
const IMAGES_KEPT = 16;

export interface CachedArticle {
  article: Article;
  /** The body as sanitised HTML; '' for an article that lives elsewhere. */
  bodyHtml: string;
  image: ImageInfo | undefined;
}

interface Entry { until: number; value: Promise<CachedArticle | undefined> }

const articles = new WeakMap<Db, Map<string, Entry>>();
const images = new WeakMap<Db, Map<string, Promise<StoredImage | undefined>>>();

/** The article at /a/:slug, read at most once a second; undefined when there is none. */
export function findCachedArticle(db: Db, slug: string): Promise<CachedArticle | undefined> {
  let cache = articles.get(db);
  if (!cache) articles.set(db, cache = new Map());
  const now = performance.now();
  const hit = cache.get(slug);
  if (hit && hit.until > now) return hit.value;
  const value = load(db, slug);
  cache.set(slug, { until: now + KEEP_MS, value });
  // a slug with no article is not kept: the map holds only real articles, whatever addresses are tried
  void value.then((found) => { if (!found) cache.delete(slug); }, () => cache.delete(slug));
  return value;
}

export function forgetCachedArticle(db: Db, slug: string): void {
  articles.get(db)?.delete(slug);
}

/** The image's bytes, by the ETag the cached article knows. */
export function findCachedImage(db: Db, info: ImageInfo): Promise<StoredImage | undefined> {
  let cache = images.get(db);
  if (!cache) images.set(db, cache = new Map());
  const key = `${info.article_id}:${info.etag}`;
  let value = cache.get(key);
  if (!value) {
    if (cache.size >= IMAGES_KEPT) cache.delete(cache.keys().next().value!);
    value = findImage(db, info.article_id).then((image) => (image?.etag === info.etag ? image : undefined));
    cache.set(key, value);
    void value.then((found) => { if (!found) cache.delete(key); }, () => cache.delete(key));
  }
  return value;
}

async function load(db: Db, slug: string): Promise<CachedArticle | undefined> {
  const article = await findArticleRowBySlug(db, slug);
  if (!article) return undefined;
  const [image] = await selectImageInfo(db, [article.id]);
  return { article, bodyHtml: article.body === null ? '' : renderArticleBody(article.body), image };
}
