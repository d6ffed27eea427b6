// A reader pressed a network's button under an article: give them their own link to it (one per sharer and
// article, random, so it says nothing about them), count the share, and send them to the network with the
// title and that link filled in. Their link remembers the share they arrived through: the referral chain.
import type { Deps } from '../../deps.ts';
import type { ArticleShare } from '../../db/schema.ts';
import { Problem, notFound } from '../../http/problem.ts';
import { intentUrl, isNetwork } from '../../lib/share-intents.ts';
import { normalizeMastodonInstance } from '../../lib/mastodon-host.ts';
import { isTokenShaped, randomToken } from '../../lib/tokens.ts';
import { findRecipient } from '../messages/index.ts';
import { recordEvent } from '../tracking/index.ts';
import { findCachedArticle } from './article-cache.ts';
import { ARTICLE_SLUG } from './article-fields.ts';
import { findShareByToken, findSharerShare, insertShare, type Sharer } from './article-shares.repo.ts';
import { articleUrl } from './articles.service.ts';

export interface ShareForm {
  network: string;
  via?: string | undefined;
  r?: string | undefined;
  mastodon_instance?: string | undefined;
}

export interface ShareOutcome {
  url: string;
  mastodonInstance: string | undefined;
}

const mastodonInstanceNeeded = () => new Problem(400, 'mastodon-instance-needed', 'Which Mastodon server are you on?',
  'Go back, type the address of your Mastodon server (for example mastodon.social) in the box under the buttons, and press Mastodon again.');

export async function shareArticle(deps: Pick<Deps, 'db' | 'clock' | 'config'>, slug: string, form: ShareForm, visitor: string | undefined): Promise<ShareOutcome> {
  const cached = ARTICLE_SLUG.test(slug) ? await findCachedArticle(deps.db, slug) : undefined;
  if (!cached) throw notFound('Article');
  const { article } = cached;
  const { network } = form;
  if (!isNetwork(network)) throw new Problem(400, 'bad-request', 'We do not know that network');
  const mastodonInstance = network === 'mastodon' ? normalizeMastodonInstance(form.mastodon_instance) : undefined;
  if (network === 'mastodon' && !mastodonInstance) throw mastodonInstanceNeeded();

  const personId = isTokenShaped(form.r) ? (await findRecipient(deps, form.r))?.person_id : undefined;
  const token = await sharerToken(deps, article.id, { personId, visitor }, form.via);
  await recordEvent(deps, {
    kind: 'article_shared', article_id: article.id, network, person_id: personId ?? null, visitor: visitor ?? null, share_token: token,
  });
  const link = `${articleUrl(deps, article.slug)}?via=${token}`;
  const url = intentUrl(network, { text: `${article.title} ${link}`, link, title: article.title, mastodonInstance });
  return { url, mastodonInstance };
}

/** The sharer's link token: the one they have, else a new one whose parent is the share they arrived through. */
async function sharerToken(deps: Pick<Deps, 'db' | 'clock'>, articleId: number, sharer: Sharer, via: unknown): Promise<string> {
  const existing = await findSharerShare(deps.db, articleId, sharer);
  if (existing) return existing.token;
  const found = isTokenShaped(via) ? await findShareByToken(deps.db, via) : undefined;
  const parent = found?.article_id === articleId ? found : undefined;
  const share: ArticleShare = {
    token: randomToken(), article_id: articleId, person_id: sharer.personId ?? null, visitor: sharer.visitor ?? null,
    via_token: parent?.token ?? null, generation: (parent?.generation ?? 0) + 1, created_at: deps.clock.now().toISOString(),
  };
  if (await insertShare(deps.db, share)) return share.token;
  // another press by the same sharer made their link between our look-up and our insert
  const made = await findSharerShare(deps.db, articleId, sharer);
  if (!made) throw new Error('an article share link was neither inserted nor found');
  return made.token;
}
