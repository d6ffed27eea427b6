import { expect, it } from 'vitest';
import { mastodonServerUrl, normalizeMastodonInstance, normalizeMastodonServer } from './mastodon-instance.ts';

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

it('keeps the servers an organiser names for evidence as host names, or as origins when they need a scheme or port', () => {
  expect(normalizeMastodonServer('mastodon.social')).toBe('mastodon.social');
  expect(normalizeMastodonServer('https://Mastodon.Social/tags/x')).toBe('mastodon.social');
  expect(normalizeMastodonServer('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
  expect(normalizeMastodonServer('https://social.example.org:8443')).toBe('https://social.example.org:8443');
  for (const value of ['', 'localhost', 'ftp://mastodon.social', 'https://user:pw@mastodon.social', 'https://']) {
    expect(normalizeMastodonServer(value)).toBeUndefined();
  }
  expect(mastodonServerUrl('mastodon.social')).toBe('https://mastodon.social');
  expect(mastodonServerUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
});
