// What an organiser writes for an article is checked here, once, for a new article and for every edit.
// An article is either ours (a Markdown body, served at /a/{slug}) or lives elsewhere (external_url, to
// which /a/{slug} redirects once it has counted the visit): exactly one of the two.
import { invalid, type InvalidParam } from '../../http/problem.ts';
import { canonicalLanguage } from '../../lib/language.ts';

export interface ArticleInput {
  title: string;
  slug: string;
  summary?: string | undefined;
  /** Markdown. */
  body?: string | null | undefined;
  external_url?: string | null | undefined;
  /** An image for link previews (og:image); the page itself shows it only when it is on our own origin. */
  image_url?: string | null | undefined;
  image_alt?: string | undefined;
  /** BCP 47; 'en' when absent. */
  language?: string | undefined;
}

export interface ArticleFields {
  title: string;
  slug: string;
  summary: string;
  body: string | null;
  external_url: string | null;
  image_url: string | null;
  image_alt: string;
  language: string;
}

export const ARTICLE_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
export const MAX_BODY = 100_000;

export function checkArticleFields(input: ArticleInput): ArticleFields {
  const problems: InvalidParam[] = [];
  const fail = (name: string, reason: string) => problems.push({ name, reason });

  const title = input.title.trim();
  if (title === '' || title.length > 200) fail('title', 'must be 1 to 200 characters');
  const slug = input.slug.trim();
  if (!ARTICLE_SLUG.test(slug)) fail('slug', 'must be lower-case letters, digits and hyphens, like "what-is-happening"');
  const summary = (input.summary ?? '').trim();
  if (summary.length > 500) fail('summary', 'must be at most 500 characters (link previews show about 200)');

  const body = blankToNull(input.body);
  if (body !== null && body.length > MAX_BODY) fail('body', `must be at most ${MAX_BODY} characters`);
  const externalGiven = blankToNull(input.external_url) !== null;
  const externalUrl = optionalWebUrl(input.external_url, 'external_url', fail);
  if (body === null && !externalGiven) fail('body', 'give the article\'s Markdown body, or an external_url for an article that lives elsewhere');
  if (body !== null && externalGiven) fail('external_url', 'an article has a body or an external_url, not both');
  const imageUrl = optionalWebUrl(input.image_url, 'image_url', fail);
  const imageAlt = (input.image_alt ?? '').trim();
  if (imageAlt.length > 300) fail('image_alt', 'must be at most 300 characters');
  const language = input.language === undefined ? 'en' : canonicalLanguage(input.language);
  if (!language) fail('language', 'must be a language tag such as "en" or "ug"');

  if (problems.length > 0) throw invalid(problems, 'The article has invalid fields');
  return { title, slug, summary, body, external_url: externalUrl, image_url: imageUrl, image_alt: imageAlt, language: language! };
}

function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

/** An http(s) address, null when absent or blank; a bad one is a problem named after its field. */
function optionalWebUrl(value: string | null | undefined, name: string, fail: (name: string, reason: string) => void): string | null {
  const v = blankToNull(value);
  if (v === null) return null;
  if (/\s/.test(v) || v.length > 2000) {
    fail(name, 'must be an http:// or https:// address without spaces');
    return null;
  }
  try {
    const url = new URL(v);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password) return v;
  } catch { /* reported below */ }
  fail(name, 'must be an http:// or https:// address');
  return null;
}
