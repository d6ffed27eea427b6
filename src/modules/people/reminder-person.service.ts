// The person a storm's reminder goes to. Asking for a reminder is consent to that reminder only: someone
// not on the list is added as 'reminder only' (never part of an audience), with the request in their
// subscription history; someone already stored keeps their status, whatever it is, so an unsubscribed,
// bouncing or complaining address is never mailed because it asked.
import type { Deps } from '../../deps.ts';
import type { SubscriptionStatus } from '../../db/schema.ts';
import { findPersonByEmail, insertPeople, insertSubscriptionChanges, selectMailablePeople } from './people.repo.ts';

export interface ReminderPerson {
  id: number;
  status: SubscriptionStatus;
}

/** `email` normalised and checked by the caller; `language` the page's, kept for a new person only. */
export async function findOrAddReminderPerson(
  deps: Pick<Deps, 'db' | 'clock'>, request: { email: string; language: string; detail: string },
): Promise<ReminderPerson> {
  const known = await findPersonByEmail(deps.db, request.email);
  if (known) return { id: known.id, status: known.status };
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const [added] = await insertPeople(trx, [{
      email: request.email, given_name: null, family_name: null, language: request.language, country: null, postal_code: null,
      custom_fields: '{}', status: 'reminder only', status_changed_at: now, created_at: now, updated_at: now,
    }]);
    if (!added) {
      // stored meanwhile (a second request, an import): theirs is the status that counts
      const person = await findPersonByEmail(trx, request.email);
      return { id: person!.id, status: person!.status };
    }
    await insertSubscriptionChanges(trx, [{
      person_id: added.id, status: 'reminder only', previous_status: null, source: 'reminder-request', detail: request.detail, changed_at: now,
    }]);
    return { id: added.id, status: 'reminder only' as const };
  });
}

/** Of these people, those a reminder may go to now (subscribed, or 'reminder only'), with their addresses. */
export async function listReminderAddresses(deps: Pick<Deps, 'db'>, personIds: number[]): Promise<Map<number, string>> {
  return new Map((await selectMailablePeople(deps.db, personIds)).map((p) => [p.id, p.email]));
}
