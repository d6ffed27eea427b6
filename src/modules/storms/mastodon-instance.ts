// A supporter's Mastodon server, as they type it ("mastodon.social", "https://mastodon.social/@me") made
// into a bare host name, or undefined when it cannot be one. We redirect to it, so it must be a public name.

export function normalizeMastodonInstance(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let host = value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#]/)[0]!;
  host = host.slice(host.lastIndexOf('@') + 1).replace(/\.$/, ''); // "@me@mastodon.social" is a handle
  if (host === '' || host.length > 253 || !/^[\p{L}\p{M}\p{N}.-]+$/u.test(host)) return undefined;
  try {
    host = new URL(`https://${host}`).hostname; // punycode for international names
  } catch {
    return undefined;
  }
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return undefined;
  // a top-level domain is letters (or punycode), which also keeps out IP addresses
  return /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels.at(-1)!) ? host : undefined;
}

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
