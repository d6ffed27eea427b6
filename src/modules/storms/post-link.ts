// The link a supporter pastes after posting ("I posted — here it is"): an https address of a post on a
// network we send people to, made canonical (no fragment; no query where it is only tracking) so the same
// post pasted twice is one link. Undefined for anything else.
import type { Network } from './intents.ts';
import { normalizeMastodonInstance } from './mastodon-instance.ts';

export type PostLinkNetwork = Extract<Network, 'x' | 'bluesky' | 'mastodon' | 'threads' | 'facebook' | 'linkedin'>;

export const POST_LINK_NETWORKS: readonly PostLinkNetwork[] = ['x', 'bluesky', 'mastodon', 'threads', 'facebook', 'linkedin'];

const HOSTS: Record<string, { network: PostLinkNetwork; path: RegExp; keepQuery?: boolean }> = {
  'x.com': { network: 'x', path: /^\/(?:[A-Za-z0-9_]{1,15}|i\/web|i)\/status\/\d+\/?$/ },
  'twitter.com': { network: 'x', path: /^\/(?:[A-Za-z0-9_]{1,15}|i\/web|i)\/status\/\d+\/?$/ },
  'bsky.app': { network: 'bluesky', path: /^\/profile\/[^/]+\/post\/[a-z0-9]+\/?$/i },
  'threads.net': { network: 'threads', path: /^\/@[\w.]+\/post\/[\w-]+\/?$/ },
  'threads.com': { network: 'threads', path: /^\/@[\w.]+\/post\/[\w-]+\/?$/ },
  // Facebook's post addresses come in many shapes, some of them (permalink.php) in the query
  'facebook.com': { network: 'facebook', path: /^\/.+/, keepQuery: true },
  'linkedin.com': { network: 'linkedin', path: /^\/(?:posts|feed\/update)\/.+/ },
};

/** A post on a Mastodon server (or one that speaks its language): /@user/123, /@user@other.host/123. */
const MASTODON_PATH = /^\/@[\w.-]+(?:@[\w.-]+)?\/\d+\/?$/;

export function postLinkOf(value: string): { network: PostLinkNetwork; url: string } | undefined {
  const trimmed = value.trim();
  if (trimmed.length > 2000 || /\s/.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  url.hash = '';
  const host = url.hostname.replace(/^(?:www|mobile|m)\./, '');
  const known = HOSTS[host];
  if (known) {
    if (!known.path.test(url.pathname)) return undefined;
    if (!known.keepQuery) url.search = '';
    return { network: known.network, url: url.href };
  }
  if (MASTODON_PATH.test(url.pathname) && normalizeMastodonInstance(url.hostname) === url.hostname) {
    url.search = '';
    return { network: 'mastodon', url: url.href };
  }
  return undefined;
}
