// The full text a supporter posts: the variant, then the storm's hashtags it does not already carry, then
// the article link. The length check and the action page both use this, so what is checked is what is posted.

/** The most a supporter's edited post may hold; far above any network's limit, well below abuse. */
export const MAX_POST_TEXT = 5000;

export interface PostParts {
  text: string;
  hashtags: readonly string[];
  articleUrl: string | null;
}

export function composePostText({ text, hashtags, articleUrl }: PostParts): string {
  const body = text.trim();
  const tags = hashtags.filter((tag) => !containsHashtag(body, tag)).map((tag) => ` #${tag}`).join('');
  return body + tags + (articleUrl ? ` ${articleUrl}` : '');
}

/** Whether `#tag` already stands in the text as a hashtag of its own (not the start of a longer one). */
export function containsHashtag(text: string, tag: string): boolean {
  const escaped = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{M}\\p{N}_&])[#＃]${escaped}(?![\\p{L}\\p{M}\\p{N}_])`, 'iu').test(text);
}
