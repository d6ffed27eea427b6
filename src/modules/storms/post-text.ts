// The full text a supporter posts: the variant with its slots filled, then the storm's hashtags it does not
// already carry, then the article link. A message with a {hashtag} slot carries the one hashtag it was given
// there and no others (so posts differ in their hashtags too); one with a {link} slot has its link there and
// none appended. The length check and the action page both use this, so what is checked is what is posted.
import { readMessage } from './post-slots.ts';

/** The most a supporter's edited post may hold; far above any network's limit, well below abuse. */
export const MAX_POST_TEXT = 5000;

export interface PostParts {
  text: string;
  hashtags: readonly string[];
  articleUrl: string | null;
  /** What the slots say for this supporter on this network. */
  fill?: PostFill | undefined;
}

export interface PostFill {
  /** {target}: the target's handle on the network, else its name. */
  target?: string | undefined;
  /** {hashtag}: the supporter's hashtag, without '#'. */
  hashtag?: string | undefined;
  /** {link}: the article, else the storm's page; articleUrl when absent. */
  link?: string | undefined;
}

export function composePostText({ text, hashtags, articleUrl, fill }: PostParts): string {
  const message = readMessage(text.trim());
  // a message saved before slots existed may hold a brace that opens none: it stands as written
  const pieces = 'error' in message ? [text.trim()] : message.pieces;
  const slots = 'error' in message ? new Set<string>() : message.slots;
  const tag = slots.has('hashtag') ? hashtagFor(fill?.hashtag, hashtags, pieces.filter((p) => typeof p === 'string').join('')) : undefined;
  let body = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') body += piece;
    else if (piece.slot === 'target') body += fill?.target ?? '';
    else if (piece.slot === 'link') body += fill?.link ?? articleUrl ?? '';
    // "#{hashtag}" is as good as "{hashtag}"
    else if (tag !== undefined) body += (/[#＃]$/.test(body) ? '' : '#') + tag;
  }
  body = body.trim();
  const tags = slots.has('hashtag') ? '' : hashtags.filter((t) => !containsHashtag(body, t)).map((t) => ` #${t}`).join('');
  return body + tags + (articleUrl && !slots.has('link') ? ` ${articleUrl}` : '');
}

/**
 * The hashtag for a {hashtag} slot: the supporter's, unless the message already carries it, then the next
 * of the storm's that it does not carry.
 */
function hashtagFor(chosen: string | undefined, hashtags: readonly string[], literal: string): string | undefined {
  if (hashtags.length === 0) return undefined;
  const start = Math.max(0, hashtags.findIndex((t) => t.toLowerCase() === chosen?.toLowerCase()));
  for (let i = 0; i < hashtags.length; i++) {
    const tag = hashtags[(start + i) % hashtags.length]!;
    if (!containsHashtag(literal, tag)) return tag;
  }
  return hashtags[start];
}

/** Whether `#tag` already stands in the text as a hashtag of its own (not the start of a longer one). */
export function containsHashtag(text: string, tag: string): boolean {
  const escaped = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{M}\\p{N}_&])[#＃]${escaped}(?![\\p{L}\\p{M}\\p{N}_])`, 'iu').test(text);
}
