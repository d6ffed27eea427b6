// One person's events: their timeline on the organiser's page about them, their data export, and their
// erasure, after which the events stay, anonymous, in the numbers they were counted in.
import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { olderThan, type PageBefore } from '../../db/page-before.ts';
import type { TrackedEvent } from '../../db/schema.ts';
import { randomToken } from '../../lib/tokens.ts';

/** Newest first (by time, then id); `before` pages back, `limit` caps the count (none: all of them, for an export). */
export async function personEvents(
  deps: Pick<Deps, 'db'>, personId: number, page: { before?: PageBefore | undefined; limit?: number | undefined } = {},
): Promise<TrackedEvent[]> {
  let q = deps.db.selectFrom('events').selectAll().where('person_id', '=', personId);
  if (page.before !== undefined) q = q.where(olderThan(sql.ref('created_at'), sql.ref('id'), page.before));
  q = q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  return (page.limit !== undefined ? q.limit(page.limit) : q).execute();
}

/**
 * Unlinks a person's events from them (erasure); returns how many there were. The browsers they used (the
 * first-party visitor ids on their events) are renamed, on every event of those browsers, to one random
 * pseudonym, so nothing leads back to them and each still counts once in the numbers; a link they pasted
 * to their own public post (which names their account) is dropped.
 */
export async function anonymisePersonEvents(deps: Pick<Deps, 'db'>, personId: number): Promise<number> {
  const { db } = deps;
  const browsers = (await db.selectFrom('events').select('visitor').distinct()
    .where('person_id', '=', personId).where('visitor', 'is not', null).execute()).map((r) => r.visitor!);
  const pseudonym = randomToken();
  for (let i = 0; i < browsers.length; i += 500) {
    await db.updateTable('events').set({ visitor: pseudonym }).where('visitor', 'in', browsers.slice(i, i + 500)).execute();
  }
  await db.updateTable('events').set({ url: null }).where('person_id', '=', personId).where('kind', '=', 'post_reported').execute();
  const result = await db.updateTable('events').set({ person_id: null, visitor: pseudonym }).where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
