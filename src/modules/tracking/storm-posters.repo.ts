import type { Deps } from '../../deps.ts';
import { countStormSupporters } from './storm-supporters.repo.ts';

/** How many people started a post in the storm: known people plus anonymous first-party visitors. */
export async function countStormPosters(deps: Pick<Deps, 'db'>, stormId: number): Promise<number> {
  return countStormSupporters(deps.db, stormId, 'post_started');
}
