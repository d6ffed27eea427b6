// bounce_events: one row per recipient a bounce or complaint report named.
import type { Insertable } from 'kysely';
import type { BounceEventsTable, Db } from '../../db/schema.ts';

export async function findBounceEventByKey(db: Db, eventKey: string) {
  return db.selectFrom('bounce_events').select('id').where('event_key', '=', eventKey).executeTakeFirst();
}

/** Adds the event; one with the same key already there is left alone. */
export async function insertBounceEvent(db: Db, event: Insertable<BounceEventsTable>): Promise<void> {
  await db.insertInto('bounce_events').values(event).onConflict((oc) => oc.column('event_key').doNothing()).execute();
}

/** When a report last changed this person's status, if ever. */
export async function findLastOutcomeAt(db: Db, personId: number): Promise<string | undefined> {
  const row = await db.selectFrom('bounce_events').select('created_at').where('person_id', '=', personId)
    .where('outcome', 'is not', null).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.created_at;
}

export async function selectSoftBouncesSince(db: Db, personId: number, since: string) {
  return db.selectFrom('bounce_events').select(['id', 'message_id']).where('person_id', '=', personId)
    .where('kind', '=', 'soft').where('created_at', '>', since).execute();
}
