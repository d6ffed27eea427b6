// Articles as organisers make and read them. The slug is fixed once the article exists: every link already
// shared, posted or mailed points at /a/{slug}.
import type { Deps } from '../../deps.ts';
import type { Article } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../../http/problem.ts';
import { forgetCachedArticle } from './article-cache.ts';
import { checkArticleFields, type ArticleFields, type ArticleInput } from './article-fields.ts';
import { selectImageInfo, type ImageInfo } from './article-images.repo.ts';
import { findArticleById, findArticleRowBySlug, insertArticle, selectArticles, updateArticleRow } from './articles.repo.ts';

export interface ArticleView {
  id: number;
  slug: string;
  /** The public page (or, for an article that lives elsewhere, the tracked redirect to it). */
  url: string;
  title: string;
  summary: string;
  body: string | null;
  external_url: string | null;
  image_url: string | null;
  image_alt: string;
  /** The uploaded image, served at /a/{slug}/image; it comes before image_url. */
  image: { url: string; content_type: string; bytes: number } | null;
  language: string;
  created_date: string;
  modified_date: string;
}

export type ArticlePatch = Partial<ArticleInput>;

/** What a storm needs to point at an article. */
export interface ArticleReference { id: number; slug: string; url: string }

type ViewDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

const slugTaken = (slug: string) => conflict(`The slug "${slug}" is taken`, 'Another article has this address; choose another slug.');

export async function createArticle(deps: ViewDeps, input: ArticleInput): Promise<ArticleReference> {
  const fields = checkArticleFields(input);
  const now = deps.clock.now().toISOString();
  const id = await insertArticle(deps.db, { ...fields, created_at: now, updated_at: now });
  if (id === undefined) throw slugTaken(fields.slug);
  forgetCachedArticle(deps.db, fields.slug);
  return { id, slug: fields.slug, url: articleUrl(deps, fields.slug) };
}

export async function getArticle(deps: ViewDeps, id: number): Promise<ArticleView> {
  const article = await getArticleRow(deps, id);
  const [image] = await selectImageInfo(deps.db, [id]);
  return viewOf(deps, article, image);
}

export async function listArticles(deps: ViewDeps, page: { limit?: number | undefined; before?: number | undefined } = {}): Promise<ArticleView[]> {
  const rows = await selectArticles(deps.db, page.limit ?? 50, page.before);
  const images = await selectImageInfo(deps.db, rows.map((a) => a.id));
  return rows.map((a) => viewOf(deps, a, images.find((i) => i.article_id === a.id)));
}

/** Changes any fields but the slug. Giving a body drops an external_url and the other way round. */
export async function updateArticle(deps: ViewDeps, id: number, patch: ArticlePatch): Promise<ArticleView> {
  const article = await getArticleRow(deps, id);
  if (patch.slug !== undefined && patch.slug.trim() !== article.slug) {
    throw invalid([{ name: 'slug', reason: `cannot change: links already shared point at /a/${article.slug}` }], 'The slug of an article is fixed');
  }
  const switching = patch.body ? { external_url: null } : patch.external_url ? { body: null } : {};
  const fields = checkArticleFields({ ...inputOf(article), ...switching, ...definedOnly(patch) });
  await updateArticleRow(deps.db, id, { ...fieldsRow(fields), updated_at: deps.clock.now().toISOString() });
  forgetCachedArticle(deps.db, article.slug);
  return getArticle(deps, id);
}

export async function getArticleRow(deps: Pick<Deps, 'db'>, id: number): Promise<Article> {
  const article = await findArticleById(deps.db, id);
  if (!article) throw notFound('Article');
  return article;
}

/** An article named by its id (a number) or its slug (a string); undefined when there is none. */
export async function findArticleReference(deps: Pick<Deps, 'db' | 'config'>, ref: number | string): Promise<ArticleReference | undefined> {
  const article = typeof ref === 'number' ? await findArticleById(deps.db, ref) : await findArticleRowBySlug(deps.db, ref.trim());
  return article && { id: article.id, slug: article.slug, url: articleUrl(deps, article.slug) };
}

export function articleUrl(deps: Pick<Deps, 'config'>, slug: string): string {
  return `${deps.config.publicUrl}/a/${slug}`;
}

/** The uploaded image's path; its ETag in the query lets it be cached for good and changes with a new upload. */
export function imagePath(slug: string, image: Pick<ImageInfo, 'etag'>): string {
  return `/a/${slug}/image?v=${image.etag}`;
}

function fieldsRow(f: ArticleFields) {
  return {
    title: f.title, summary: f.summary, body: f.body, external_url: f.external_url, image_url: f.image_url,
    image_alt: f.image_alt, language: f.language,
  };
}

function inputOf(a: Article): ArticleInput {
  return {
    title: a.title, slug: a.slug, summary: a.summary, body: a.body, external_url: a.external_url, image_url: a.image_url,
    image_alt: a.image_alt, language: a.language,
  };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function viewOf(deps: Pick<Deps, 'config'>, a: Article, image: ImageInfo | undefined): ArticleView {
  return {
    id: a.id,
    slug: a.slug,
    url: articleUrl(deps, a.slug),
    title: a.title,
    summary: a.summary,
    body: a.body,
    external_url: a.external_url,
    image_url: a.image_url,
    image_alt: a.image_alt,
    image: image ? { url: `${deps.config.publicUrl}${imagePath(a.slug, image)}`, content_type: image.content_type, bytes: image.bytes } : null,
    language: a.language,
    created_date: a.created_at,
    modified_date: a.updated_at,
  };
}
