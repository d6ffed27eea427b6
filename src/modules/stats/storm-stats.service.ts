// A storm's numbers for the organiser's dashboard: views, supporters, and posts started by network, by
// variant, by the official addressed and by minute; the public posts found carrying its hashtags, and the
// post links supporters pasted. Read through tracking's totals and the storms module's variants, targets and
// public posts.
import type { Deps } from '../../deps.ts';
import {
  getStormRow, listTargets, listVariants, NETWORKS, POST_LINK_NETWORKS, publicPostTotals, type Network, type PostLinkNetwork, type PublicPostTotals,
} from '../storms/index.ts';
import { stormEventTotals, stormPostsByTarget } from '../tracking/index.ts';

export interface StormStats {
  views: number;
  supporters: number;
  posts: {
    total: number;
    by_network: Record<Network, number>;
    by_variant: { variant_id: number; position: number; text: string; posts: number }[];
    by_target: { target_id: number; name: string; posts: number }[];
    per_minute: { minute: string; posts: number }[];
  };
  public_posts: PublicPostTotals & { reported: { total: number; by_network: Record<PostLinkNetwork, number> } };
}

export async function stormStats(deps: Pick<Deps, 'db'>, stormId: number): Promise<StormStats> {
  await getStormRow(deps, stormId);
  const [totals, variants, targets, byTargetId] = await Promise.all([
    stormEventTotals(deps, stormId), listVariants(deps, stormId, { includeRemoved: true }),
    listTargets(deps, stormId, { includeRemoved: true }), stormPostsByTarget(deps, stormId),
  ]);
  const byNetwork = Object.fromEntries(NETWORKS.map((n) => [n, totals.byNetwork[n] ?? 0])) as Record<Network, number>;
  // a variant an edit took out still shows while posts were made with it
  const byVariant = variants
    .map((v) => ({ variant_id: v.id, position: v.position, text: v.text, posts: totals.byVariant.get(v.id) ?? 0, removed: v.removed_at !== null }))
    .filter((v) => !v.removed || v.posts > 0)
    .map(({ removed: _, ...v }) => v);
  // likewise an official an edit took out, while posts addressed them
  const byTarget = targets
    .map((t) => ({ target_id: t.id, name: t.name, posts: byTargetId.get(t.id) ?? 0, removed: t.removed_at !== null }))
    .filter((t) => !t.removed || t.posts > 0)
    .map(({ removed: _, ...t }) => t);
  const reported = Object.fromEntries(POST_LINK_NETWORKS.map((n) => [n, totals.reportedByNetwork[n] ?? 0])) as Record<PostLinkNetwork, number>;
  return {
    views: totals.views,
    supporters: totals.supporters,
    posts: { total: totals.posts, by_network: byNetwork, by_variant: byVariant, by_target: byTarget, per_minute: totals.perMinute },
    public_posts: {
      ...(await publicPostTotals(deps, stormId)),
      reported: { total: Object.values(reported).reduce((a, b) => a + b, 0), by_network: reported },
    },
  };
}
