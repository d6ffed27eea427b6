// An article's numbers for the organiser: visits, shares by network, visits brought by shares, the sharers
// who brought most (a person when they came from their email, else anonymous), and how long the longest
// chain of sharers grew. Events are read through tracking; who is behind each share link is ours.
import type { Deps } from '../../deps.ts';
import { NETWORKS, type Network } from '../../lib/share-intents.ts';
import { articleEventTotals } from '../tracking/index.ts';
import { maxGeneration, selectSharesByTokens } from './article-shares.repo.ts';
import { getArticleRow } from './articles.service.ts';

export interface ArticleStats {
  visits: number;
  shares: number;
  shares_by_network: Record<Network, number>;
  arrivals_via_shares: number;
  top_sharers: { person_id: number | null; shares: number; arrivals: number; generation: number }[];
  chain_depth_max: number;
}

export async function articleStats(deps: Pick<Deps, 'db'>, id: number): Promise<ArticleStats> {
  await getArticleRow(deps, id);
  const totals = await articleEventTotals(deps, id);
  const shares = await selectSharesByTokens(deps.db, totals.topShareTokens.map((t) => t.token));
  const byToken = new Map(shares.map((s) => [s.token, s]));
  return {
    visits: totals.visits,
    shares: totals.shares,
    shares_by_network: Object.fromEntries(NETWORKS.map((n) => [n, totals.sharesByNetwork[n] ?? 0])) as Record<Network, number>,
    arrivals_via_shares: totals.arrivalsViaShares,
    top_sharers: totals.topShareTokens.map((t) => ({
      person_id: byToken.get(t.token)?.person_id ?? null, shares: t.shares, arrivals: t.arrivals, generation: byToken.get(t.token)?.generation ?? 1,
    })),
    chain_depth_max: await maxGeneration(deps.db, id),
  };
}
