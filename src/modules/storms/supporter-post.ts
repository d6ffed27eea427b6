// The post a supporter is handed: their variant with its slots filled from what they were given (target,
// hashtag) and the storm's link, written for a network (the page writes it for PAGE_NETWORK).
import type { Deps } from '../../deps.ts';
import type { StormVariant } from '../../db/schema.ts';
import type { Assignment } from './assign-supporter.ts';
import type { Network } from './intents.ts';
import { readMessage } from './post-slots.ts';
import { composePostText } from './post-text.ts';
import { PAGE_NETWORK } from './readdress-post.ts';
import type { CachedStorm } from './storm-cache.ts';
import { stormUrl } from './storms.service.ts';
import { addressFor } from './target-handles.ts';
import type { StoredTarget } from './targets.service.ts';

export interface SupporterPost {
  text: string;
  /** The target the post addresses; undefined when its message has no {target}. */
  target: StoredTarget | undefined;
}

// A storm read once a second (storm-cache.ts, one object per language) hands the same few posts to thousands
// of supporters: each is composed once per read, keyed by the variant object, so text and read go together.
const composed = new WeakMap<CachedStorm, WeakMap<StormVariant, Map<string, SupporterPost>>>();

export function supporterPost(deps: Pick<Deps, 'config'>, cached: CachedStorm, variant: StormVariant, given: Assignment | undefined, network: Network = PAGE_NETWORK): SupporterPost {
  let byVariant = composed.get(cached);
  if (!byVariant) composed.set(cached, byVariant = new WeakMap());
  let posts = byVariant.get(variant);
  if (!posts) byVariant.set(variant, posts = new Map());
  const key = `${given?.targetId}\n${given?.hashtag}\n${network}\n${deps.config.publicUrl}`;
  let post = posts.get(key);
  if (!post) posts.set(key, post = composeSupporterPost(deps, cached, variant, given, network));
  return post;
}

function composeSupporterPost(deps: Pick<Deps, 'config'>, cached: CachedStorm, variant: StormVariant, given: Assignment | undefined, network: Network): SupporterPost {
  const { storm } = cached;
  const message = readMessage(variant.text);
  const addresses = !('error' in message) && message.slots.has('target');
  const target = addresses ? cached.targets.find((t) => t.id === given?.targetId) ?? cached.targets[0] : undefined;
  const text = composePostText({
    text: variant.text, hashtags: cached.hashtags, articleUrl: storm.article_url,
    fill: { target: target && addressFor(target, network), hashtag: given?.hashtag ?? undefined, link: storm.article_url ?? stormUrl(deps, storm.slug) },
  });
  return { text, target };
}
