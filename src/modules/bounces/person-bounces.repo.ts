// One person's bounce and complaint reports: their timeline, their data export and their erasure (a
// report's key and detail can carry the address, so erasure deletes them).
import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { olderThan, type PageBefore } from '../../db/page-before.ts';
import type { BounceKind, SubscriptionStatus } from '../../db/schema.ts';

export interface PersonBounce {
  id: number;
  kind: BounceKind;
  provider: string;
  message_id: number | null;
  detail: string | null;
  outcome: SubscriptionStatus | null;
  created_at: string;
}

/** Newest first (by time, then id); `before` pages back, `limit` caps the count (none: all). */
export async function personBounces(
  deps: Pick<Deps, 'db'>, personId: number, page: { before?: PageBefore | undefined; limit?: number | undefined } = {},
): Promise<PersonBounce[]> {
  let q = deps.db.selectFrom('bounce_events').select(['id', 'kind', 'provider', 'message_id', 'detail', 'outcome', 'created_at'])
    .where('person_id', '=', personId);
  if (page.before !== undefined) q = q.where(olderThan(sql.ref('created_at'), sql.ref('id'), page.before));
  q = q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  return (page.limit !== undefined ? q.limit(page.limit) : q).execute();
}

export async function erasePersonBounces(deps: Pick<Deps, 'db'>, personId: number): Promise<number> {
  const result = await deps.db.deleteFrom('bounce_events').where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
