import { sql } from 'kysely';
import type { Db, StormPublicPostsTable } from '../../db/schema.ts';
import { minuteOf } from '../../db/dialect.ts';

export type PublicPostNetwork = StormPublicPostsTable['network'];

export interface PublicPost {
  /** The network's own URI for the post (at://… on Bluesky, the status URI on Mastodon): one per post everywhere. */
  post_id: string;
  url: string | null;
  /** ISO 8601, UTC. */
  created_at: string;
}

/** Records posts; one already recorded (by an earlier poll, another hashtag or another server) is left alone. */
export async function insertPublicPosts(db: Db, stormId: number, network: PublicPostNetwork, posts: PublicPost[]): Promise<void> {
  for (let i = 0; i < posts.length; i += 200) {
    await db.insertInto('storm_public_posts')
      .values(posts.slice(i, i + 200).map((p) => ({ storm_id: stormId, network, ...p })))
      .onConflict((oc) => oc.columns(['storm_id', 'network', 'post_id']).doNothing())
      .execute();
  }
}

/** When the newest post recorded for the storm on a network was made, if any. */
export async function newestPublicPostAt(db: Db, stormId: number, network: PublicPostNetwork): Promise<string | undefined> {
  const row = await db.selectFrom('storm_public_posts').select((eb) => eb.fn.max('created_at').as('at'))
    .where('storm_id', '=', stormId).where('network', '=', network).executeTakeFirst();
  return row?.at ? new Date(row.at).toISOString() : undefined;
}

export interface PublicPostTotals {
  total: number;
  by_network: Record<PublicPostNetwork, number>;
  /** 'YYYY-MM-DDTHH:MM' (UTC) by the posts' own time, in time order. */
  per_minute: { minute: string; bluesky: number; mastodon: number }[];
}

export async function publicPostTotals(deps: { db: Db }, stormId: number): Promise<PublicPostTotals> {
  const { db } = deps;
  const minute = minuteOf(db, 'created_at');
  const rows = await db.selectFrom('storm_public_posts').where('storm_id', '=', stormId)
    .select([minute.as('minute'), 'network', sql<number>`count(*)`.as('n')])
    .groupBy([minute, 'network']).orderBy(minute).execute();
  const byNetwork = { bluesky: 0, mastodon: 0 };
  const perMinute = new Map<string, { minute: string; bluesky: number; mastodon: number }>();
  for (const r of rows) {
    const n = Number(r.n);
    byNetwork[r.network] += n;
    const m = perMinute.get(r.minute) ?? { minute: r.minute, bluesky: 0, mastodon: 0 };
    m[r.network] += n;
    perMinute.set(r.minute, m);
  }
  return { total: byNetwork.bluesky + byNetwork.mastodon, by_network: byNetwork, per_minute: [...perMinute.values()] };
}
