// Someone opened /a/:slug: count the visit, with the person when they came from their email (?r=), their
// first-party visitor id, and the share link they came through (?via=), which is how the organiser sees who
// brought whom. A sharer following their own link is a visit, not an arrival. An article that lives
// elsewhere is then a redirect.
import type { Deps } from '../../deps.ts';
import type { ArticleShare } from '../../db/schema.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { findRecipient } from '../messages/index.ts';
import { recordEvent } from '../tracking/index.ts';
import { findCachedArticle, type CachedArticle } from './article-cache.ts';
import { ARTICLE_SLUG } from './article-fields.ts';
import { findShareByToken } from './article-shares.repo.ts';

export interface Visit {
  slug: string;
  /** ?via=: the share link the visitor followed. */
  via?: unknown;
  /** ?r=: the recipient token of a personal link in an email. */
  r?: unknown;
  visitor: string;
  /** False for a HEAD request (link previews, scanners): nobody read it, so nothing is counted. */
  count?: boolean;
}

export type ArticleVisit =
  | { kind: 'missing' }
  | { kind: 'redirect'; url: string }
  | {
    kind: 'page';
    cached: CachedArticle;
    /** The share they came through, to carry into the share form (their own share's parent). */
    via: string | undefined;
    r: string | undefined;
  };

export async function visitArticle(deps: Pick<Deps, 'db' | 'clock'>, visit: Visit): Promise<ArticleVisit> {
  if (!ARTICLE_SLUG.test(visit.slug)) return { kind: 'missing' };
  const cached = await findCachedArticle(deps.db, visit.slug);
  if (!cached) return { kind: 'missing' };
  const { article } = cached;
  const r = isTokenShaped(visit.r) ? visit.r : undefined;
  const personId = r ? (await findRecipient(deps, r))?.person_id : undefined;
  const share = isTokenShaped(visit.via) ? await findShareByToken(deps.db, visit.via) : undefined;
  const referrer = share && share.article_id === article.id && !isSharer(share, personId, visit.visitor) ? share : undefined;
  if (visit.count ?? true) {
    await recordEvent(deps, {
      kind: 'article_visit', article_id: article.id, person_id: personId ?? null, visitor: visit.visitor,
      share_token: referrer?.token ?? null,
    });
  }
  if (article.external_url !== null) return { kind: 'redirect', url: article.external_url };
  return { kind: 'page', cached, via: referrer?.token, r };
}

function isSharer(share: ArticleShare, personId: number | undefined, visitor: string): boolean {
  return (personId !== undefined && share.person_id === personId) || share.visitor === visitor;
}
