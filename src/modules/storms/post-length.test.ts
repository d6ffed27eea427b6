import { describe, expect, it } from 'vitest';
import { blueskyLength, mastodonLength, networksOverLimit, xLength } from './post-length.ts';
import { composePostText, containsHashtag } from './post-text.ts';

const ARTICLE = 'https://example.org/blog/what-is-happening-in-the-uyghur-region'; // 63 characters

describe('counting a post the way each network does', () => {
  it('counts plain ASCII one per character everywhere', () => {
    const text = 'Stand with the Uyghurs.';
    expect([xLength(text), blueskyLength(text), mastodonLength(text)]).toEqual([23, 23, 23]);
  });

  it('counts a link as 23 on X and Mastodon but in full on Bluesky', () => {
    const text = `Read this: ${ARTICLE}`;
    expect(xLength(text)).toBe(11 + 23);
    expect(mastodonLength(text)).toBe(11 + 23);
    expect(blueskyLength(text)).toBe(11 + 63);
  });

  it('counts Uyghur in Arabic script one per letter, not two', () => {
    const text = 'ئۇيغۇرلار بىلەن بىللە تۇرايلى';
    expect([xLength(text), blueskyLength(text), mastodonLength(text)]).toEqual([29, 29, 29]);
  });

  it('counts Chinese characters twice on X only', () => {
    const text = '我们与维吾尔人站在一起';
    expect(xLength(text)).toBe(22);
    expect(blueskyLength(text)).toBe(11);
    expect(mastodonLength(text)).toBe(11);
  });

  it('counts an emoji, with a skin tone or a family joined by ZWJ, as 2 on X and 1 grapheme elsewhere', () => {
    const text = 'Stand up ✊🏽 👨‍👩‍👧 🇬🇧';
    expect(text.length).toBe(26);
    expect(xLength(text)).toBe(9 + 2 + 1 + 2 + 1 + 2);
    expect(blueskyLength(text)).toBe(9 + 1 + 1 + 1 + 1 + 1);
    expect(mastodonLength(text)).toBe(14);
  });

  it('counts a domain without http:// letter by letter on Mastodon, as Mastodon does', () => {
    expect(mastodonLength('see example.org')).toBe(15);
  });

  it('counts a mention of another server\'s account by its user part on Mastodon, in full elsewhere', () => {
    const text = 'Speak up @iocmedia@mastodon.social'; // 34 characters, 18 as Mastodon counts
    expect(mastodonLength(text)).toBe(18);
    expect(blueskyLength(text)).toBe(34);
    expect(mastodonLength('mail ioc@mastodon.social or @ioc')).toBe(32);
  });

  it('names each network a post is too long for, with its length and limit', () => {
    expect(networksOverLimit('a'.repeat(280))).toEqual([]);
    expect(networksOverLimit('a'.repeat(281))).toEqual([{ network: 'x', name: 'X', length: 281, limit: 280 }]);
    expect(networksOverLimit('中'.repeat(141)).map((o) => o.network)).toEqual(['x']);
    expect(networksOverLimit('a'.repeat(501)).map((o) => [o.network, o.length])).toEqual([['x', 501], ['bluesky', 501], ['mastodon', 501]]);
  });
});

describe('the full post text', () => {
  it('appends each hashtag the text lacks, then the article link', () => {
    expect(composePostText({ text: 'The games end. ', hashtags: ['GenocideGames', 'StandWithUyghurs'], articleUrl: ARTICLE }))
      .toBe(`The games end. #GenocideGames #StandWithUyghurs ${ARTICLE}`);
  });

  it('does not repeat a hashtag the text already carries, in any case', () => {
    expect(composePostText({ text: 'The #genocidegames go on', hashtags: ['GenocideGames', 'Uyghurs'], articleUrl: null }))
      .toBe('The #genocidegames go on #Uyghurs');
  });

  it('does not take a longer hashtag for the storm\'s one', () => {
    expect(containsHashtag('#GenocideGames2022 now', 'GenocideGames')).toBe(false);
    expect(containsHashtag('now #GenocideGames.', 'GenocideGames')).toBe(true);
    expect(containsHashtag('بىز #ئۇيغۇر', 'ئۇيغۇر')).toBe(true);
  });
});
