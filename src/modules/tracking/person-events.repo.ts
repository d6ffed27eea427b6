// One person's events: their timeline on the organiser's page about them, their data export, and their
// erasure, after which the events stay, anonymous, in the numbers they were counted in.
import type { Deps } from '../../deps.ts';
import type { TrackedEvent } from '../../db/schema.ts';

/** Newest first; `before` (an ISO time) pages back, `limit` caps the count (none: all of them, for an export). */
export async function personEvents(
  deps: Pick<Deps, 'db'>, personId: number, page: { before?: string | undefined; limit?: number | undefined } = {},
): Promise<TrackedEvent[]> {
  let q = deps.db.selectFrom('events').selectAll().where('person_id', '=', personId);
  if (page.before !== undefined) q = q.where('created_at', '<', page.before);
  q = q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  return (page.limit !== undefined ? q.limit(page.limit) : q).execute();
}

/** Unlinks a person's events from them (erasure); returns how many there were. */
export async function anonymisePersonEvents(deps: Pick<Deps, 'db'>, personId: number): Promise<number> {
  const result = await deps.db.updateTable('events').set({ person_id: null }).where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
