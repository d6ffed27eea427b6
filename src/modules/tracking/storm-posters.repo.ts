import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import { countStormSupporters } from './storm-supporters.repo.ts';

/** How many people started a post in the storm: known people plus anonymous first-party visitors. */
export async function countStormPosters(deps: Pick<Deps, 'db'>, stormId: number): Promise<number> {
  return countPostersIn(deps.db, stormId);
}

/** countStormPosters on a database (a function of it alone, so the write thread can run it). */
export async function countPostersIn(db: Db, stormId: number): Promise<number> {
  return countStormSupporters(db, stormId, 'post_started');
}
