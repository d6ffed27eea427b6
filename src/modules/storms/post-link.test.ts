import { expect, it } from 'vitest';
import { postLinkOf } from './post-link.ts';

it('knows a post link by its network\'s host and path, and makes it canonical', () => {
  expect(postLinkOf('https://x.com/rahima/status/1495431277071122433?s=20')).toEqual({ network: 'x', url: 'https://x.com/rahima/status/1495431277071122433' });
  expect(postLinkOf(' https://mobile.twitter.com/rahima/status/149543 ')).toEqual({ network: 'x', url: 'https://mobile.twitter.com/rahima/status/149543' });
  expect(postLinkOf('https://bsky.app/profile/rahima.bsky.social/post/3lbb4moalcc2j')?.network).toBe('bluesky');
  expect(postLinkOf('https://mastodon.social/@rahima/113456789012345678#top')).toEqual({ network: 'mastodon', url: 'https://mastodon.social/@rahima/113456789012345678' });
  expect(postLinkOf('https://chaos.social/@rahima@mastodon.social/113456789012345678')?.network).toBe('mastodon');
  expect(postLinkOf('https://www.threads.net/@rahima/post/C3xYz-AbCd')?.network).toBe('threads');
  expect(postLinkOf('https://www.facebook.com/permalink.php?story_fbid=123&id=456')).toEqual({ network: 'facebook', url: 'https://www.facebook.com/permalink.php?story_fbid=123&id=456' });
  expect(postLinkOf('https://www.linkedin.com/posts/rahima_uyghur-activity-7123-abcd')?.network).toBe('linkedin');
});

it('refuses what is not an https link to a post on a network we know', () => {
  for (const value of [
    '', 'not a link', 'http://x.com/rahima/status/1', 'https://x.com/', 'https://x.com/rahima', 'https://evil.example/x.com/a/status/1',
    'https://x.com.evil.example/rahima/status/1', 'https://bsky.app/profile/rahima', 'https://mastodon.social/@rahima',
    'https://127.0.0.1/@rahima/1', 'https://user:pw@x.com/a/status/1', 'https://x.com:8443/a/status/1', 'javascript:alert(1)',
    'https://www.facebook.com/', 'https://www.linkedin.com/in/rahima',
  ]) {
    expect(postLinkOf(value), value).toBeUndefined();
  }
});
