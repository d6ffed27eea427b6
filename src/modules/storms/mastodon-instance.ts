// A Mastodon server as a supporter types it (src/lib/mastodon-host.ts, shared with the article page) and as an
// organiser names one for a storm's evidence.
import { normalizeMastodonInstance } from '../../lib/mastodon-host.ts';

export { normalizeMastodonInstance };

/**
 * A Mastodon server an organiser names for a storm's evidence: a public host name ("mastodon.social"), or,
 * when it is written as a URL that is not plain https on a public name (a server on a port, a test's
 * http://127.0.0.1:PORT), that URL's origin. Undefined when it is neither.
 */
export function normalizeMastodonServer(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return undefined;
    }
    if (url.username || url.password) return undefined;
    if (url.protocol === 'https:' && url.port === '') {
      const host = normalizeMastodonInstance(url.hostname);
      if (host) return host;
    }
    return url.origin;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return undefined;
  return normalizeMastodonInstance(trimmed);
}

/** The base URL to call a server named by normalizeMastodonServer at. */
export function mastodonServerUrl(server: string): string {
  return server.includes('://') ? server : `https://${server}`;
}
