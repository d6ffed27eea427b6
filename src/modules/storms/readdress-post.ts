// The page shows one post, addressed as on X (PAGE_NETWORK); the supporter may edit it and then choose any
// network. Wherever the post still says the target as the page wrote it, the network's own way of saying it
// goes in instead (@iocmedia on X, @iocmedia@mastodon.social on Mastodon, the name on WhatsApp), so each
// network gets its own handle format without JavaScript and without a box per network.
import type { Network } from './intents.ts';
import { addressFor, type Target } from './target-handles.ts';

export const PAGE_NETWORK: Network = 'x';

export function readdressPost(text: string, target: Target, network: Network): string {
  const from = addressFor(target, PAGE_NETWORK);
  const to = addressFor(target, network);
  if (from === to) return text;
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // whole words only: not the start of a longer handle ("@iocmedia2", "@iocmedia@server") or name
  return text.replace(new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_@])${escaped}(?![\\p{L}\\p{M}\\p{N}_@]|\\.[\\p{L}\\p{N}])`, 'gu'), () => to);
}
