import { expect, it } from 'vitest';
import { normalizeMastodonInstance } from './mastodon-instance.ts';

it('makes a bare host name of what supporters type for their Mastodon server', () => {
  expect(normalizeMastodonInstance('mastodon.social')).toBe('mastodon.social');
  expect(normalizeMastodonInstance(' https://Mastodon.Social/@rahima ')).toBe('mastodon.social');
  expect(normalizeMastodonInstance('@rahima@mastodon.social')).toBe('mastodon.social');
  expect(normalizeMastodonInstance('münchen.social')).toBe('xn--mnchen-3ya.social');
});

it('refuses what cannot be a public server name', () => {
  for (const value of ['', 'localhost', '127.0.0.1', 'a..b', 'mastodon.social:8443', 'exa mple.org', undefined, 42]) {
    expect(normalizeMastodonInstance(value)).toBeUndefined();
  }
});
