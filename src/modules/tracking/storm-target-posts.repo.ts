// Posts started on a storm, counted by the official (storm target) each one addressed.
import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

/** Target id → posts started addressed to it; posts from a storm without targets count under none. */
export async function stormPostsByTarget(deps: Pick<Deps, 'db'>, stormId: number): Promise<Map<number, number>> {
  // the index of migration 0010 finds the storm's post_started rows; target_id is then read from each row,
  // which is the storm's posts once, as the other totals read them
  const rows = await deps.db.selectFrom('events').where('storm_id', '=', stormId).where('kind', '=', 'post_started')
    .where('target_id', 'is not', null)
    .select(['target_id', sql<number>`count(*)`.as('n')]).groupBy('target_id').execute();
  return new Map(rows.map((r) => [r.target_id!, Number(r.n)]));
}
