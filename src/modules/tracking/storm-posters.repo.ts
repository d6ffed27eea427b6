import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

/** How many people started a post in the storm: known people plus anonymous first-party visitors. */
export async function countStormPosters(deps: Pick<Deps, 'db'>, stormId: number): Promise<number> {
  const row = await deps.db.selectFrom('events').where('storm_id', '=', stormId).where('kind', '=', 'post_started')
    .select(sql<number>`count(distinct coalesce('p' || cast(person_id as text), 'v' || visitor))`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
