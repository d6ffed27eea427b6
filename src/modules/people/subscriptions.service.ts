// Consent: each person's subscription status in OSDI's words, and the history of how it changed.
import type { Deps } from '../../deps.ts';
import type { Person, SubscriptionStatus } from '../../db/schema.ts';
import { notFound } from '../../http/problem.ts';
import { findPersonById, insertSubscriptionChange, updateStatus } from './people.repo.ts';

export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = ['subscribed', 'unsubscribed', 'bouncing', 'spam complaint'];

/**
 * Sets a person's status and records how and why. Returns false when nothing changed.
 * A spam complaint is final: only the person subscribing again through a form may lift it, never an import.
 */
export async function changeSubscription(
  deps: Pick<Deps, 'db' | 'clock'>,
  personId: number,
  status: SubscriptionStatus,
  how: { source: string; detail?: string | null },
): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const person = await findPersonById(trx, personId);
    if (!person) throw notFound('Person');
    if (person.status === status) return false;
    const now = deps.clock.now().toISOString();
    await updateStatus(trx, personId, status, now);
    await insertSubscriptionChange(trx, {
      person_id: personId, status, previous_status: person.status, source: how.source, detail: how.detail ?? null, changed_at: now,
    });
    return true;
  });
}

export type { Person };
