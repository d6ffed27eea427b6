import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { minuteOf } from '../../db/dialect.ts';
import { countStormSupporters } from './storm-supporters.repo.ts';

export interface StormEventTotals {
  views: number;
  /** Distinct supporters seen on the page: known people plus anonymous first-party visitors. */
  supporters: number;
  posts: number;
  byNetwork: Record<string, number>;
  byVariant: Map<number, number>;
  /** Posts started per minute, 'YYYY-MM-DDTHH:MM' (UTC) → count, in time order. */
  perMinute: { minute: string; posts: number }[];
  /** Links to their posts supporters pasted ("I posted"), distinct links by network. */
  reportedByNetwork: Record<string, number>;
}

export async function stormEventTotals(deps: Pick<Deps, 'db'>, stormId: number): Promise<StormEventTotals> {
  const { db } = deps;
  const minute = minuteOf(db, 'created_at');
  // independent reads, run side by side on PostgreSQL's pool; the posts are read once, by network, variant
  // and minute together (all three in one index since migration 0010), and summed up here
  const [kinds, supporters, posts, reported] = await Promise.all([
    db.selectFrom('events').where('storm_id', '=', stormId)
      .select(['kind', sql<number>`count(*)`.as('n')]).groupBy('kind').execute(),
    countStormSupporters(db, stormId),
    db.selectFrom('events').where('storm_id', '=', stormId).where('kind', '=', 'post_started')
      .select(['network', 'variant_id', minute.as('minute'), sql<number>`count(*)`.as('n')])
      .groupBy(['network', 'variant_id', minute]).execute(),
    db.selectFrom('events').where('storm_id', '=', stormId).where('kind', '=', 'post_reported')
      .select(['network', sql<number>`count(distinct url)`.as('n')]).groupBy('network').execute(),
  ]);
  const count = (k: string) => Number(kinds.find((r) => r.kind === k)?.n ?? 0);
  const byNetwork: Record<string, number> = {};
  const byVariant = new Map<number, number>();
  const byMinute = new Map<string, number>();
  for (const r of posts) {
    const n = Number(r.n);
    const network = r.network ?? 'unknown';
    byNetwork[network] = (byNetwork[network] ?? 0) + n;
    if (r.variant_id !== null) byVariant.set(r.variant_id, (byVariant.get(r.variant_id) ?? 0) + n);
    byMinute.set(r.minute, (byMinute.get(r.minute) ?? 0) + n);
  }
  return {
    views: count('page_view'),
    supporters,
    posts: count('post_started'),
    byNetwork,
    byVariant,
    // 'YYYY-MM-DDTHH:MM' sorts as time does
    perMinute: [...byMinute].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([m, n]) => ({ minute: m, posts: n })),
    reportedByNetwork: Object.fromEntries(reported.map((r) => [r.network ?? 'unknown', Number(r.n)])),
  };
}
