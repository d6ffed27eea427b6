import { describe, expect, it } from 'vitest';
import { Problem } from '../../http/problem.ts';
import { checkPostsFit, postsOverLimit } from './post-fit.ts';

const LINK = 'https://example.org/a'; // 21 characters
const targets = [
  { name: 'IOC', handles: { x: '@iocmedia', mastodon: '@iocmedia@mastodon.social', bluesky: '@iocmedia.bsky.social' } },
  { name: 'Kirsty Coventry', handles: { x: '@KirstyCoventry', bluesky: `@${'k'.repeat(40)}.bsky.social` } },
];

describe('the longest post a storm can hand out', () => {
  it('fits when every target and hashtag fits on every network', () => {
    expect(postsOverLimit({ messages: ['{target} speak up {hashtag}'], hashtags: ['Uyghurs', 'GenocideGames'], articleUrl: null, link: LINK, targets })).toEqual([]);
  });

  it('names the message, the network and the target with the longest handle there', () => {
    // 250 + " " + "@" + 52 = 304 graphemes on Bluesky for Kirsty Coventry, 272 for the IOC; X: 250 + 1 + 15 = 266
    const problems = postsOverLimit({ messages: ['fine', `${'a'.repeat(250)} {target}`], hashtags: [], articleUrl: null, link: LINK, targets });
    expect(problems).toEqual([{
      name: 'messages.1.text',
      reason: `Message 2 is 304 characters on Bluesky addressed to Kirsty Coventry (@${'k'.repeat(40)}.bsky.social), over its limit of 300`,
    }]);
  });

  it('lists the other targets that are too long too', () => {
    const problems = postsOverLimit({ messages: [`${'a'.repeat(272)} {target}`], hashtags: [], articleUrl: null, link: LINK, targets });
    expect(problems[0]!.reason).toBe('Message 1 is 288 characters on X addressed to Kirsty Coventry (@KirstyCoventry), over its limit of 280; also too long addressed to IOC');
  });

  it('counts a Mastodon handle by its user part, as Mastodon does', () => {
    // 480 + " @iocmedia" (10) = 490 on Mastodon although the full handle is 26 characters
    const mastodonOnly = [{ name: 'IOC', handles: { mastodon: '@iocmedia@mastodon.social' } }];
    const problems = postsOverLimit({ messages: [`${'b'.repeat(480)} {target}`], hashtags: [], articleUrl: null, link: LINK, targets: mastodonOnly });
    expect(problems.map((p) => p.reason)).toEqual([
      'Message 1 is 484 characters on X addressed to IOC, over its limit of 280',
      'Message 1 is 484 characters on Bluesky addressed to IOC, over its limit of 300',
    ]);
  });

  it('checks the longest hashtag a {hashtag} slot may take, and says which', () => {
    // 260 + " #AMuchLongerHashtag" (20) = 280: just fits
    expect(postsOverLimit({ messages: [`${'c'.repeat(260)} {hashtag}`], hashtags: ['Short', 'AMuchLongerHashtag'], articleUrl: null, link: LINK, targets: [] })).toEqual([]);
    const over = postsOverLimit({ messages: [`${'c'.repeat(270)} {hashtag}`], hashtags: ['Short', 'AMuchLongerHashtag'], articleUrl: null, link: LINK, targets: [] });
    expect(over[0]!.reason).toBe('Message 1 is 290 characters on X with #AMuchLongerHashtag, over its limit of 280');
  });

  it('counts a name in Chinese twice on X and one a letter in Uyghur, as each network does', () => {
    const named = [{ name: '国际奥委会', handles: {} }, { name: 'خەلقئارا ئولىمپىك كومىتېتى', handles: {} }];
    // X: 265 + " " + 5 CJK × 2 = 276, and the Uyghur name (26 letters) 292; Bluesky counts both by grapheme
    const problems = postsOverLimit({ messages: [`${'a'.repeat(265)} {target}`], hashtags: [], articleUrl: null, link: LINK, targets: named });
    expect(problems.map((p) => p.reason)).toEqual([
      'Message 1 is 292 characters on X addressed to خەلقئارا ئولىمپىك كومىتېتى, over its limit of 280',
    ]);
    expect(postsOverLimit({ messages: [`${'a'.repeat(270)} {target}`], hashtags: [], articleUrl: null, link: LINK, targets: [named[0]!] })
      .map((p) => p.reason)).toEqual(['Message 1 is 281 characters on X addressed to 国际奥委会, over its limit of 280']);
  });

  it('counts the {link} in full on Bluesky and as 23 on X', () => {
    const long = `https://example.org/${'p'.repeat(80)}`;
    const problems = postsOverLimit({ messages: [`${'d'.repeat(220)} {link}`], hashtags: [], articleUrl: null, link: long, targets: [] });
    expect(problems.map((p) => p.reason)).toEqual(['Message 1 is 321 characters on Bluesky, over its limit of 300']);
  });

  it('throws a post-too-long problem naming each message and network', () => {
    try {
      checkPostsFit({ messages: ['e'.repeat(281)], hashtags: [], articleUrl: null, link: LINK, targets: [] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(Problem);
      expect((err as Problem).status).toBe(400);
      expect((err as Problem).message).toBe('Message 1 is 281 characters on X, over its limit of 280');
    }
  });
});
