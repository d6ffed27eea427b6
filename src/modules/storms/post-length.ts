// How long a post is on each network a storm is checked against, counted the way that network counts.
// X: twitter-text's weighted length (URLs 23, CJK and emoji 2). Bluesky: graphemes, links written out in
// full (its app may shorten them, so this errs on the safe side). Mastodon: graphemes with each URL as 23
// and a mention of another server's account, @user@instance, as @user (its compose box counts so).
import { twitterText } from './load-twitter-text.ts';

export interface LengthRule {
  network: 'x' | 'bluesky' | 'mastodon';
  /** The network's name as a person reads it. */
  name: string;
  limit: number;
  measure(text: string): number;
}

export interface OverLimit {
  network: LengthRule['network'];
  name: string;
  length: number;
  limit: number;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const MASTODON_URL_LENGTH = 23;

export function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

// the action page counts its post on every view, and a storm hands out only a few hundred distinct posts
const xLengths = new Map<string, number>();
const MAX_X_LENGTHS = 2_000;

export function xLength(text: string): number {
  let length = xLengths.get(text);
  if (length === undefined) {
    length = twitterText().parseTweet(text).weightedLength;
    if (xLengths.size >= MAX_X_LENGTHS) xLengths.clear();
    xLengths.set(text, length);
  }
  return length;
}

export function blueskyLength(text: string): number {
  return graphemeCount(text.normalize('NFC'));
}

// Mastodon's compose counter (its countableText) counts a remote mention by the user part only
const MASTODON_REMOTE_MENTION = /(^|[^/\w])@(([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]+)/gi;

/** Mastodon counts only links with a scheme as 23; a bare domain counts letter by letter. */
export function mastodonLength(text: string): number {
  const urls = twitterText().extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
  const countable = (part: string) => graphemeCount(part.replace(MASTODON_REMOTE_MENTION, '$1@$3'));
  let length = 0;
  let from = 0;
  for (const { indices: [start, end] } of urls) {
    length += countable(text.slice(from, start)) + MASTODON_URL_LENGTH;
    from = end;
  }
  return length + countable(text.slice(from));
}

export const LENGTH_RULES: readonly LengthRule[] = [
  { network: 'x', name: 'X', limit: 280, measure: xLength },
  { network: 'bluesky', name: 'Bluesky', limit: 300, measure: blueskyLength },
  { network: 'mastodon', name: 'Mastodon', limit: 500, measure: mastodonLength },
];

/** The networks on which `text` is too long to post; empty when it fits everywhere. */
export function networksOverLimit(text: string): OverLimit[] {
  const over: OverLimit[] = [];
  for (const rule of LENGTH_RULES) {
    const length = rule.measure(text);
    if (length > rule.limit) over.push({ network: rule.network, name: rule.name, length, limit: rule.limit });
  }
  return over;
}
