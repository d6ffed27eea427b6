// How each network that has mentions writes an account, and what a post says to address a target there:
// its handle on that network, else (no handle there, or a network without mentions: Facebook, LinkedIn,
// WhatsApp, Telegram, email) its display name.
import { normalizeMastodonInstance } from './mastodon-instance.ts';
import type { Network } from './intents.ts';

export const MENTION_NETWORKS = ['x', 'bluesky', 'mastodon', 'threads'] as const;
export type MentionNetwork = (typeof MENTION_NETWORKS)[number];

export type Handles = Partial<Record<MentionNetwork, string>>;

export interface Target {
  name: string;
  handles: Handles;
}

export const HANDLE_FORMATS: Record<MentionNetwork, { name: string; example: string }> = {
  x: { name: 'X', example: '@iocmedia' },
  bluesky: { name: 'Bluesky', example: '@name.bsky.social' },
  mastodon: { name: 'Mastodon', example: '@user@mastodon.social' },
  threads: { name: 'Threads', example: '@name' },
};

// X: letters, digits and '_', up to 15. Mastodon: its own USERNAME_RE. Threads: Instagram's names (letters,
// digits, '.' and '_', up to 30, no '..' and no '.' at the end)
const X_USER = /^[A-Za-z0-9_]{1,15}$/;
const MASTODON_USER = /^[A-Za-z0-9_]+(?:[A-Za-z0-9_.-]+[A-Za-z0-9_]+)?$/;
const THREADS_USER = /^(?!.*\.\.)(?!.*\.$)[A-Za-z0-9._]{1,30}$/;
// atproto handles are domain names; these top-level names can never resolve publicly
const BLUESKY_RESERVED_TLDS = new Set(['alt', 'arpa', 'example', 'internal', 'invalid', 'local', 'localhost', 'onion']);

/** The handle as the network writes it ('@' first; Bluesky and the Mastodon server in lower case), or undefined when it is not one. */
export function normalizeHandle(network: MentionNetwork, raw: string): string | undefined {
  const value = raw.trim().replace(/^[@＠]/, '');
  if (value === '' || value.length > 300) return undefined;
  switch (network) {
    case 'x': return X_USER.test(value) ? `@${value}` : undefined;
    case 'threads': return THREADS_USER.test(value) ? `@${value}` : undefined;
    case 'bluesky': return blueskyHandle(value.toLowerCase());
    case 'mastodon': {
      const at = value.indexOf('@');
      if (at < 0) return undefined;
      const user = value.slice(0, at);
      const server = value.slice(at + 1);
      // a bare server name: no scheme, path or port for normalizeMastodonInstance to take off silently
      if (!MASTODON_USER.test(user) || !/^[\p{L}\p{M}\p{N}.-]+$/u.test(server)) return undefined;
      const host = normalizeMastodonInstance(server);
      return host ? `@${user}@${host}` : undefined;
    }
  }
}

function blueskyHandle(value: string): string | undefined {
  if (value.length > 253) return undefined;
  const labels = value.split('.');
  if (labels.length < 2 || !labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return undefined;
  const tld = labels.at(-1)!;
  return /^[a-z]/.test(tld) && !BLUESKY_RESERVED_TLDS.has(tld) ? `@${value}` : undefined;
}

export function isMentionNetwork(network: string): network is MentionNetwork {
  return (MENTION_NETWORKS as readonly string[]).includes(network);
}

/** What a post on `network` says for {target}. */
export function addressFor(target: Target, network: Network): string {
  return (isMentionNetwork(network) ? target.handles[network] : undefined) ?? target.name;
}
