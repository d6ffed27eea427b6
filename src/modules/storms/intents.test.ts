import { describe, expect, it } from 'vitest';
import { NETWORKS, intentUrl, isNetwork, type Share } from './intents.ts';

const share: Share = {
  text: 'Stand with the Uyghurs & speak up #GenocideGames https://example.org/a',
  link: 'https://example.org/a',
  title: 'Closing ceremony storm',
  mastodonInstance: 'mastodon.social',
};

describe('share intents', () => {
  it('fills each network\'s compose page with the text, encoded', () => {
    const encoded = encodeURIComponent(share.text);
    expect(intentUrl('x', share)).toBe(`https://x.com/intent/post?text=${encoded}`);
    expect(intentUrl('bluesky', share)).toBe(`https://bsky.app/intent/compose?text=${encoded}`);
    expect(intentUrl('mastodon', share)).toBe(`https://mastodon.social/share?text=${encoded}`);
    expect(intentUrl('threads', share)).toBe(`https://www.threads.net/intent/post?text=${encoded}`);
    expect(intentUrl('whatsapp', share)).toBe(`https://wa.me/?text=${encoded}`);
  });

  it('gives Facebook and LinkedIn only the link, as they take nothing else', () => {
    expect(intentUrl('facebook', share)).toBe('https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org%2Fa');
    expect(intentUrl('linkedin', share)).toBe('https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fexample.org%2Fa');
  });

  it('gives Telegram the link apart and leaves it out of the text', () => {
    const url = new URL(intentUrl('telegram', share));
    expect(url.origin + url.pathname).toBe('https://t.me/share/url');
    expect(url.searchParams.get('url')).toBe('https://example.org/a');
    expect(url.searchParams.get('text')).toBe('Stand with the Uyghurs & speak up #GenocideGames');
  });

  it('writes an email with the storm\'s title as subject, spaces as %20', () => {
    expect(intentUrl('email', share)).toBe(`mailto:?subject=Closing%20ceremony%20storm&body=${encodeURIComponent(share.text)}`);
  });

  it('keeps Uyghur text intact through the encoding', () => {
    const url = new URL(intentUrl('x', { ...share, text: 'ئۇيغۇرلار بىلەن بىللە' }));
    expect(url.searchParams.get('text')).toBe('ئۇيغۇرلار بىلەن بىللە');
  });

  it('knows the nine networks and nothing else', () => {
    expect(NETWORKS).toHaveLength(9);
    expect(isNetwork('bluesky')).toBe(true);
    expect(isNetwork('myspace')).toBe(false);
    expect(isNetwork('toString')).toBe(false);
  });

  it('refuses a Mastodon share without the supporter\'s server', () => {
    expect(() => intentUrl('mastodon', { ...share, mastodonInstance: undefined })).toThrow();
  });
});
