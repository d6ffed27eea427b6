// The audience of a message: subscribed people, all or those with given tags, read in id order by batches.
import type { Deps } from '../../deps.ts';
import type { Person } from '../../db/schema.ts';
import { countAudience, findPersonByEmail, selectAudienceBatch, selectMailableIds, selectSubscribedIds } from './people.repo.ts';

export interface AudienceMember {
  id: number;
  email: string;
  given_name: string | null;
  family_name: string | null;
  language: string | null;
  country: string | null;
  postal_code: string | null;
  custom_fields: Record<string, string>;
}

export async function listAudienceBatch(deps: Pick<Deps, 'db'>, tags: string[], afterId: number, limit: number): Promise<AudienceMember[]> {
  const rows = await selectAudienceBatch(deps.db, tags, afterId, limit);
  return rows.map(toAudienceMember);
}

/** The person with this address whatever their status (a test copy takes its merge values from them). */
export async function findAudienceMemberByEmail(deps: Pick<Deps, 'db'>, email: string): Promise<AudienceMember | undefined> {
  const person = await findPersonByEmail(deps.db, email.trim());
  return person && toAudienceMember(person);
}

/** The ids among these that are still subscribed. */
export async function subscribedAmong(deps: Pick<Deps, 'db'>, personIds: number[]): Promise<Set<number>> {
  return new Set(await selectSubscribedIds(deps.db, personIds));
}

/** The ids among these that may still get the mail they were queued for: subscribed, or 'reminder only' (a reminder). */
export async function mailableAmong(deps: Pick<Deps, 'db'>, personIds: number[]): Promise<Set<number>> {
  return new Set(await selectMailableIds(deps.db, personIds));
}

function toAudienceMember(p: Person): AudienceMember {
  return {
    id: p.id, email: p.email, given_name: p.given_name, family_name: p.family_name,
    language: p.language, country: p.country, postal_code: p.postal_code,
    custom_fields: JSON.parse(p.custom_fields) as Record<string, string>,
  };
}

export async function countAudienceOf(deps: Pick<Deps, 'db'>, tags: string[]): Promise<number> {
  return countAudience(deps.db, tags);
}
