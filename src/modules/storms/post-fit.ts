// Every post a storm can hand out must fit on X, Bluesky and Mastodon: each message with the hashtags and
// link it will carry, and, for a message with slots, its longest fill on each network (the longest target
// handle there, the longest hashtag). A problem names the message, the network and the target (and the
// hashtag) that make it too long, so the organiser knows what to shorten.
import { Problem, type InvalidParam } from '../../http/problem.ts';
import { LENGTH_RULES, type LengthRule } from './post-length.ts';
import { readMessage } from './post-slots.ts';
import { composePostText } from './post-text.ts';
import { addressFor, type Target } from './target-handles.ts';

export interface PostsToFit {
  messages: readonly string[];
  hashtags: readonly string[];
  articleUrl: string | null;
  /** What {link} says: the article, else the storm's page. */
  link: string;
  targets: readonly Target[];
}

/** `more`: problems of the same kind found elsewhere (the storm's translations), reported together. */
export function checkPostsFit(input: PostsToFit, more: readonly InvalidParam[] = []): void {
  const problems = [...postsOverLimit(input), ...more];
  if (problems.length === 0) return;
  const title = problems.length === 1 ? problems[0]!.reason : `${problems[0]!.reason} (and ${problems.length - 1} more)`;
  throw new Problem(400, 'post-too-long', title,
    `${problems.map((p) => p.reason).join('. ')}. The hashtags and the article link are counted as part of each message, and each slot at its longest.`, problems);
}

export function postsOverLimit(input: PostsToFit): InvalidParam[] {
  const problems: InvalidParam[] = [];
  input.messages.forEach((text, i) => {
    for (const rule of LENGTH_RULES) {
      const reason = overLimit(input, text, i + 1, rule);
      if (reason) problems.push({ name: `messages.${i}.text`, reason });
    }
  });
  return problems;
}

export interface WorstCase {
  length: number;
  /** The target (and hashtag) that make it longest; undefined when the message has no such slot. */
  target: Target | undefined;
  hashtag: string | undefined;
}

/** The longest `text` gets on the rule's network: the longest target address there, with the hashtag longest with it. */
export function longestPost(input: Omit<PostsToFit, 'messages'>, text: string, rule: LengthRule): WorstCase {
  const { targets, hashtags } = fills(input, text);
  // lengths add up piece by piece, so the worst case is the longest address with the longest hashtag
  const target = maxBy(targets, (t) => (t ? rule.measure(addressFor(t, rule.network)) : 0))!;
  const hashtag = maxBy(hashtags, (h) => measurePost(input, text, rule, target, h));
  return { length: measurePost(input, text, rule, target, hashtag), target, hashtag };
}

/** What each slot of `text` may say: every target or hashtag for a slot it has, else nothing. */
function fills(input: Omit<PostsToFit, 'messages'>, text: string) {
  const message = readMessage(text);
  const slots = 'error' in message ? new Set<string>() : message.slots;
  return {
    targets: slots.has('target') && input.targets.length > 0 ? [...input.targets] : [undefined],
    hashtags: slots.has('hashtag') && input.hashtags.length > 0 ? [...input.hashtags] : [undefined],
  };
}

function measurePost(input: Omit<PostsToFit, 'messages'>, text: string, rule: LengthRule, target: Target | undefined, hashtag: string | undefined): number {
  return rule.measure(composePostText({
    text, hashtags: input.hashtags, articleUrl: input.articleUrl,
    fill: { target: target && addressFor(target, rule.network), hashtag, link: input.link },
  }));
}

function overLimit(input: PostsToFit, text: string, n: number, rule: LengthRule): string | undefined {
  const worst = longestPost(input, text, rule);
  if (worst.length <= rule.limit) return undefined;
  const withTag = fills(input, text).hashtags.length > 1 ? ` with #${worst.hashtag}` : '';
  if (!worst.target) return `Message ${n} is ${worst.length} characters on ${rule.name}${withTag}, over its limit of ${rule.limit}`;
  // the others that are too long too, longest first
  const others = input.targets.filter((t) => t !== worst.target)
    .map((target) => ({ target, length: measurePost(input, text, rule, target, worst.hashtag) }))
    .filter((o) => o.length > rule.limit).sort((a, b) => b.length - a.length).map((o) => o.target.name);
  const also = others.length === 0 ? ''
    : `; also too long addressed to ${others.slice(0, 3).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}`;
  return `Message ${n} is ${worst.length} characters on ${rule.name} addressed to ${describeTarget(worst.target, rule)}${withTag}, over its limit of ${rule.limit}${also}`;
}

function describeTarget(target: Target, rule: LengthRule): string {
  const address = addressFor(target, rule.network);
  return address === target.name ? target.name : `${target.name} (${address})`;
}

function maxBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}
