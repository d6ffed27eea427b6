// twitter-text (X's own rules for a post's length and for hashtags) takes about 25 MB of memory once
// loaded. It is loaded on first use, so a process that never checks a post (a worker that only sends
// mail) never carries it.
import { createRequire } from 'node:module';
import type TwitterText from 'twitter-text';

let loaded: typeof TwitterText | undefined;

export function twitterText(): typeof TwitterText {
  return loaded ??= createRequire(import.meta.url)('twitter-text') as typeof TwitterText;
}
