// An article's numbers from its events: visits, shares by network, and per share link how often it was
// shared and how many people it brought (the referral chain's edges; the articles module knows who is behind
// each link). An arrival is a person or visitor arriving through a link, once however often they come back
// through it (switching the page's language, reloading).
import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

export interface ArticleEventTotals {
  visits: number;
  shares: number;
  sharesByNetwork: Record<string, number>;
  /** People and visitors who arrived through someone's share link (once per link). */
  arrivalsViaShares: number;
  /** Share links by arrivals brought, then by times shared: the first `limit`. */
  topShareTokens: { token: string; shares: number; arrivals: number }[];
}

export async function articleEventTotals(deps: Pick<Deps, 'db'>, articleId: number, limit = 20): Promise<ArticleEventTotals> {
  const { db } = deps;
  const events = db.selectFrom('events').where('article_id', '=', articleId);
  const kinds = await events.select(['kind', sql<number>`count(*)`.as('n')]).groupBy('kind').execute();
  const reader = sql`coalesce('p' || cast(person_id as text), 'v' || visitor)`;
  const arrived = await events.where('kind', '=', 'article_visit').where('share_token', 'is not', null)
    .select(sql<number>`count(distinct share_token || ' ' || ${reader})`.as('n')).executeTakeFirstOrThrow();
  const byNetwork = await events.where('kind', '=', 'article_shared')
    .select(['network', sql<number>`count(*)`.as('n')]).groupBy('network').execute();
  const arrivals = sql<number>`count(distinct case when kind = 'article_visit' then ${reader} end)`;
  const shares = sql<number>`sum(case when kind = 'article_shared' then 1 else 0 end)`;
  const top = await events.where('share_token', 'is not', null).where('kind', 'in', ['article_visit', 'article_shared'])
    .select(['share_token', arrivals.as('arrivals'), shares.as('shares')])
    .groupBy('share_token').orderBy(arrivals, 'desc').orderBy(shares, 'desc').orderBy('share_token')
    .limit(limit).execute();
  const kind = (k: string) => kinds.find((r) => r.kind === k);
  return {
    visits: Number(kind('article_visit')?.n ?? 0),
    shares: Number(kind('article_shared')?.n ?? 0),
    sharesByNetwork: Object.fromEntries(byNetwork.map((r) => [r.network ?? 'unknown', Number(r.n)])),
    arrivalsViaShares: Number(arrived.n),
    topShareTokens: top.map((r) => ({ token: r.share_token!, shares: Number(r.shares), arrivals: Number(r.arrivals) })),
  };
}
