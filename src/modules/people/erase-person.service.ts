// Erasure on request (GDPR art. 17): the person and every row that identifies them, across the modules
// that hold any, in one transaction. Events and article shares stay, unlinked from them, so a storm's, a
// message's or an article's numbers do not change; the address is kept only as a keyed hash, so an import does not silently add it again
// (the import reports such a row as erased on request).
import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/problem.ts';
import { anonymisePersonShares } from '../articles/index.ts';
import { erasePersonBounces } from '../bounces/index.ts';
import { erasePersonMessages } from '../messages/index.ts';
import { erasePersonReminders } from '../storms/index.ts';
import { anonymisePersonEvents } from '../tracking/index.ts';
import { erasedAddressHash } from './erased-address.ts';
import { deletePersonRows, insertErasure, selectErasedHashes } from './erasures.repo.ts';
import { findPersonById } from './people.repo.ts';

export interface ErasureReport {
  id: number;
  erased_at: string;
  /** Rows deleted, or unlinked from the person (events), per kind. */
  removed: {
    tags: number;
    subscription_changes: number;
    message_recipients: number;
    bounce_events: number;
    reminder_requests: number;
    events_anonymised: number;
    article_shares_anonymised: number;
  };
}

export async function erasePerson(deps: Pick<Deps, 'db' | 'clock' | 'secret'>, personId: number): Promise<ErasureReport> {
  const erasedAt = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const person = await findPersonById(trx, personId);
    if (!person) throw notFound('Person');
    const scoped = { db: trx };
    const messageRecipients = await erasePersonMessages(scoped, personId);
    const bounceEvents = await erasePersonBounces(scoped, personId);
    const reminderRequests = await erasePersonReminders(scoped, personId);
    const eventsAnonymised = await anonymisePersonEvents(scoped, personId);
    const sharesAnonymised = await anonymisePersonShares(scoped, personId);
    const own = await deletePersonRows(trx, personId);
    if (!own) throw notFound('Person');
    await insertErasure(trx, erasedAddressHash(deps.secret, person.email), erasedAt);
    return {
      id: personId,
      erased_at: erasedAt,
      removed: {
        ...own,
        message_recipients: messageRecipients,
        bounce_events: bounceEvents,
        reminder_requests: reminderRequests,
        events_anonymised: eventsAnonymised,
        article_shares_anonymised: sharesAnonymised,
      },
    };
  });
}

/** Whether this address was erased on request (another module about to store it may want to know). */
export async function isErasedAddress(deps: Pick<Deps, 'db' | 'secret'>, email: string): Promise<boolean> {
  const hash = erasedAddressHash(deps.secret, email);
  return (await selectErasedHashes(deps.db, [hash])).has(hash);
}
