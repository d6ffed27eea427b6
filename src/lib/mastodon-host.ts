// A supporter's Mastodon server, as they type it ("mastodon.social", "https://mastodon.social/@me") made
// into a bare host name, or undefined when it cannot be one. We redirect to it, so it must be a public name.
// Pure; the storm page and the article page both take it for their Mastodon button.

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
