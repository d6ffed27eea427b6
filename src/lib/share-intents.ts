// Where each network's "share" or "compose" page lives, and how a post travels there. Nothing is sent to a
// network by us: the supporter's browser opens the page with the text filled in and they press post.
// Pure, so the storm page and the article page share it without knowing each other.

export const NETWORKS = ['x', 'bluesky', 'mastodon', 'threads', 'facebook', 'linkedin', 'whatsapp', 'telegram', 'email'] as const;
export type Network = (typeof NETWORKS)[number];

/** Each network's own name, as its button shows it (email's is a translated word). */
export const NETWORK_NAMES: Record<Exclude<Network, 'email'>, string> = {
  x: 'X', bluesky: 'Bluesky', mastodon: 'Mastodon', threads: 'Threads', facebook: 'Facebook',
  linkedin: 'LinkedIn', whatsapp: 'WhatsApp', telegram: 'Telegram',
};

export function isNetwork(value: unknown): value is Network {
  return typeof value === 'string' && (NETWORKS as readonly string[]).includes(value);
}

export interface Share {
  /** The whole post, as the supporter left it. */
  text: string;
  /** What a network that takes only a link should share (the article, the storm's page). */
  link: string;
  /** For the email subject. */
  title: string;
  /** A host name such as mastodon.social; needed for Mastodon only. */
  mastodonInstance?: string | undefined;
}

const q = encodeURIComponent;

export function intentUrl(network: Network, share: Share): string {
  const { text, link } = share;
  switch (network) {
    case 'x': return `https://x.com/intent/post?text=${q(text)}`;
    case 'bluesky': return `https://bsky.app/intent/compose?text=${q(text)}`;
    case 'mastodon': {
      if (!share.mastodonInstance) throw new Error('a Mastodon share needs the supporter\'s instance');
      return `https://${share.mastodonInstance}/share?text=${q(text)}`;
    }
    case 'threads': return `https://www.threads.net/intent/post?text=${q(text)}`;
    // these two take a link and nothing else
    case 'facebook': return `https://www.facebook.com/sharer/sharer.php?u=${q(link)}`;
    case 'linkedin': return `https://www.linkedin.com/sharing/share-offsite/?url=${q(link)}`;
    case 'whatsapp': return `https://wa.me/?text=${q(text)}`;
    // Telegram shows the link and the text apart; the link is left out of the text so it is not there twice
    case 'telegram': return `https://t.me/share/url?url=${q(link)}&text=${q(withoutLink(text, link))}`;
    case 'email': return `mailto:?subject=${q(share.title)}&body=${q(text)}`;
  }
}

function withoutLink(text: string, link: string): string {
  const rest = text.split(link).join(' ').replace(/[ \t]{2,}/g, ' ').trim();
  return rest === '' ? text : rest;
}
