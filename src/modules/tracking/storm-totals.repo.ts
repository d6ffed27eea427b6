import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { minuteOf } from '../../db/dialect.ts';

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
  const kinds = await db.selectFrom('events').where('storm_id', '=', stormId)
    .select(['kind', sql<number>`count(*)`.as('n')]).groupBy('kind').execute();
  const supporters = await db.selectFrom('events').where('storm_id', '=', stormId)
    .select(sql<number>`count(distinct coalesce('p' || cast(person_id as text), 'v' || visitor))`.as('n'))
    .executeTakeFirstOrThrow();
  const posts = db.selectFrom('events').where('storm_id', '=', stormId).where('kind', '=', 'post_started');
  const byNetwork = await posts.select(['network', sql<number>`count(*)`.as('n')]).groupBy('network').execute();
  const byVariant = await posts.select(['variant_id', sql<number>`count(*)`.as('n')]).groupBy('variant_id').execute();
  const minute = minuteOf(db, 'created_at');
  const perMinute = await posts.select([minute.as('minute'), sql<number>`count(*)`.as('n')])
    .groupBy(minute).orderBy(minute).execute();
  const reported = await db.selectFrom('events').where('storm_id', '=', stormId).where('kind', '=', 'post_reported')
    .select(['network', sql<number>`count(distinct url)`.as('n')]).groupBy('network').execute();
  const count = (k: string) => Number(kinds.find((r) => r.kind === k)?.n ?? 0);
  return {
    views: count('page_view'),
    supporters: Number(supporters.n),
    posts: count('post_started'),
    byNetwork: Object.fromEntries(byNetwork.map((r) => [r.network ?? 'unknown', Number(r.n)])),
    byVariant: new Map(byVariant.filter((r) => r.variant_id !== null).map((r) => [r.variant_id!, Number(r.n)])),
    perMinute: perMinute.map((r) => ({ minute: r.minute, posts: Number(r.n) })),
    reportedByNetwork: Object.fromEntries(reported.map((r) => [r.network ?? 'unknown', Number(r.n)])),
  };
}
