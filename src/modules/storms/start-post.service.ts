// A supporter pressed a network's button: count it, then send them to that network with their text. Only
// the storm's own window counts; a form sent before or after it goes back to the page, which says why.
import type { Deps } from '../../deps.ts';
import { Problem, notFound } from '../../http/problem.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { findRecipient } from '../messages/index.ts';
import { recordEvent } from '../tracking/index.ts';
import { intentUrl, isNetwork } from './intents.ts';
import { normalizeMastodonInstance } from './mastodon-instance.ts';
import { MAX_POST_TEXT } from './post-text.ts';
import { readdressPost } from './readdress-post.ts';
import { findCachedStorm, peekCachedStorm } from './storm-cache.ts';
import { stormAsWanted } from './storm-language.ts';
import { stormState, stormUrl } from './storms.service.ts';

export interface PostForm {
  network: string;
  text: string;
  variant?: string | undefined;
  /** The id of the storm target the page's post addressed. */
  target?: string | undefined;
  r?: string | undefined;
  mastodon_instance?: string | undefined;
  /** The language the page showed the storm in: the share's title and link are that version's. */
  language?: string | undefined;
}

export type PostOutcome =
  | { kind: 'share'; url: string; mastodonInstance: string | undefined }
  | { kind: 'closed' };

const mastodonInstanceNeeded = () => new Problem(400, 'mastodon-instance-needed', 'Which Mastodon server are you on?',
  'Go back, type the address of your Mastodon server (for example mastodon.social) in the box under the buttons, and press Mastodon again.');

export async function startPost(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'notifier'>, slug: string, form: PostForm, visitor: string | undefined): Promise<PostOutcome> {
  const found = peekCachedStorm(deps.db, slug) ?? await findCachedStorm(deps.db, slug);
  if (!found) throw notFound('Storm');
  const cached = stormAsWanted(found, () => [form.language]);
  const { storm } = cached;
  if (stormState(storm, deps.clock.now()) !== 'during') return { kind: 'closed' };

  const { network } = form;
  if (!isNetwork(network)) throw new Problem(400, 'bad-request', 'We do not know that network');
  const text = form.text.replace(/\r\n?/g, '\n').trim();
  if (text === '' || text.length > MAX_POST_TEXT) {
    throw new Problem(400, 'bad-request', 'The post is empty or too long', `Write between 1 and ${MAX_POST_TEXT} characters.`);
  }
  const mastodonInstance = network === 'mastodon' ? normalizeMastodonInstance(form.mastodon_instance) : undefined;
  if (network === 'mastodon' && !mastodonInstance) throw mastodonInstanceNeeded();

  const variant = cached.allVariants.find((v) => String(v.id) === form.variant);
  const target = form.target === undefined ? undefined : cached.allTargets.find((t) => String(t.id) === form.target);
  const recipient = isTokenShaped(form.r) ? await findRecipient(deps, form.r) : undefined;
  await recordEvent(deps, {
    kind: 'post_started', storm_id: storm.id, network, variant_id: variant?.id ?? null,
    person_id: recipient?.person_id ?? null, visitor: visitor ?? null, target_id: target?.id ?? null,
  });
  const url = intentUrl(network, {
    text: target ? readdressPost(text, target, network) : text, title: storm.title, link: storm.article_url ?? stormUrl(deps, storm.slug), mastodonInstance,
  });
  return { kind: 'share', url, mastodonInstance };
}
