import { describe, expect, it } from 'vitest';
import { composePostText } from './post-text.ts';
import { readdressPost } from './readdress-post.ts';

const ARTICLE = 'https://example.org/blog/what-is-happening-in-the-uyghur-region';
const HASHTAGS = ['GenocideGames', 'StandWithUyghurs'];

describe('a post with its slots filled', () => {
  it('puts the target, the hashtag and the link where the message says, and appends neither again', () => {
    const text = composePostText({
      text: '{target}, the games are over. The camps are not. {hashtag} {link}', hashtags: HASHTAGS, articleUrl: ARTICLE,
      fill: { target: '@iocmedia', hashtag: 'StandWithUyghurs', link: ARTICLE },
    });
    expect(text).toBe(`@iocmedia, the games are over. The camps are not. #StandWithUyghurs ${ARTICLE}`);
  });

  it('appends the hashtags and the article to a message without those slots, as before', () => {
    expect(composePostText({ text: 'Dear {target}: speak up.', hashtags: HASHTAGS, articleUrl: ARTICLE, fill: { target: 'Thomas Bach' } }))
      .toBe(`Dear Thomas Bach: speak up. #GenocideGames #StandWithUyghurs ${ARTICLE}`);
  });

  it('says the storm\'s page for {link} when there is no article, and appends nothing', () => {
    expect(composePostText({ text: 'Join us: {link}', hashtags: [], articleUrl: null, fill: { link: 'https://outcry.example/s/closing' } }))
      .toBe('Join us: https://outcry.example/s/closing');
  });

  it('gives {hashtag} a hashtag the message does not already carry, and takes "#{hashtag}" as "{hashtag}"', () => {
    const parts = { hashtags: HASHTAGS, articleUrl: null };
    expect(composePostText({ ...parts, text: '#GenocideGames and {hashtag}', fill: { hashtag: 'GenocideGames' } })).toBe('#GenocideGames and #StandWithUyghurs');
    expect(composePostText({ ...parts, text: 'Now #{hashtag}', fill: { hashtag: 'StandWithUyghurs' } })).toBe('Now #StandWithUyghurs');
  });

  it('writes literal braces for {{ and }}', () => {
    expect(composePostText({ text: 'Set {{them}} free', hashtags: [], articleUrl: null })).toBe('Set {them} free');
  });
});

describe('a post readdressed for the network the supporter chose', () => {
  const bach = { name: 'Thomas Bach', handles: { x: '@iocmedia', mastodon: '@iocmedia@mastodon.social', bluesky: '@ioc.bsky.social' } };

  it('swaps the X handle the page showed for the network\'s own, wherever the supporter left it', () => {
    const text = '@iocmedia, the camps are not over. Speak up, @iocmedia.';
    expect(readdressPost(text, bach, 'mastodon')).toBe('@iocmedia@mastodon.social, the camps are not over. Speak up, @iocmedia@mastodon.social.');
    expect(readdressPost(text, bach, 'bluesky')).toBe('@ioc.bsky.social, the camps are not over. Speak up, @ioc.bsky.social.');
    expect(readdressPost(text, bach, 'whatsapp')).toBe('Thomas Bach, the camps are not over. Speak up, Thomas Bach.');
    expect(readdressPost(text, bach, 'x')).toBe(text);
  });

  it('leaves a longer handle that starts the same alone', () => {
    expect(readdressPost('@iocmedia2 and @iocmedia_x and @iocmedia', bach, 'mastodon')).toBe('@iocmedia2 and @iocmedia_x and @iocmedia@mastodon.social');
  });

  it('swaps the name when the target has no X handle', () => {
    const coventry = { name: 'Kirsty Coventry', handles: { threads: '@kirstycoventry' } };
    expect(readdressPost('Kirsty Coventry: act now', coventry, 'threads')).toBe('@kirstycoventry: act now');
    expect(readdressPost('Kirsty Coventry: act now', coventry, 'mastodon')).toBe('Kirsty Coventry: act now');
  });
});
