// One person's bounce and complaint reports: their timeline, their data export and their erasure (a
// report's key and detail can carry the address, so erasure deletes them).
import type { Deps } from '../../deps.ts';
import type { BounceKind, SubscriptionStatus } from '../../db/schema.ts';

export interface PersonBounce {
  kind: BounceKind;
  provider: string;
  message_id: number | null;
  detail: string | null;
  outcome: SubscriptionStatus | null;
  created_at: string;
}

/** Newest first; `before` (an ISO time) pages back, `limit` caps the count (none: all). */
export async function personBounces(
  deps: Pick<Deps, 'db'>, personId: number, page: { before?: string | undefined; limit?: number | undefined } = {},
): Promise<PersonBounce[]> {
  let q = deps.db.selectFrom('bounce_events').select(['kind', 'provider', 'message_id', 'detail', 'outcome', 'created_at'])
    .where('person_id', '=', personId);
  if (page.before !== undefined) q = q.where('created_at', '<', page.before);
  q = q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  return (page.limit !== undefined ? q.limit(page.limit) : q).execute();
}

export async function erasePersonBounces(deps: Pick<Deps, 'db'>, personId: number): Promise<number> {
  const result = await deps.db.deleteFrom('bounce_events').where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
