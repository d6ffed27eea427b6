import { sql } from 'kysely';
import type { Db, Storm } from '../../db/schema.ts';

/** Records a request; a second one for the same person and storm changes nothing. True when it was new. */
export async function insertReminderRequest(db: Db, row: { storm_id: number; person_id: number; language: string; ip_mark: string; created_at: string }): Promise<boolean> {
  const result = await db.insertInto('storm_reminders').values(row)
    .onConflict((oc) => oc.columns(['storm_id', 'person_id']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Requests made from this (hashed) address since `since`. */
export async function countRequestsFrom(db: Db, ipMark: string, since: string): Promise<number> {
  const row = await db.selectFrom('storm_reminders').select(sql<number>`count(*)`.as('n'))
    .where('ip_mark', '=', ipMark).where('created_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The address marks are kept only as long as the limit needs them. */
export async function forgetIpMarksBefore(db: Db, before: string): Promise<void> {
  await db.updateTable('storm_reminders').set({ ip_mark: null })
    .where('ip_mark', 'is not', null).where('created_at', '<=', before).execute();
}

export async function countRequestsByStorm(db: Db, stormIds: number[]): Promise<Map<number, number>> {
  if (stormIds.length === 0) return new Map();
  const rows = await db.selectFrom('storm_reminders').select(['storm_id', sql<number>`count(*)`.as('n')])
    .where('storm_id', 'in', stormIds).groupBy('storm_id').execute();
  return new Map(rows.map((r) => [r.storm_id, Number(r.n)]));
}

/** A storm's requests after `afterId`, in id order. */
export async function selectRequestsAfter(db: Db, stormId: number, afterId: number, limit: number) {
  return db.selectFrom('storm_reminders').select(['id', 'person_id', 'language'])
    .where('storm_id', '=', stormId).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/**
 * Storms on now whose reminder wave has not gone out for their present start (never, or for an earlier
 * start the organiser has since moved on from).
 */
export async function selectStormsDueReminders(db: Db, now: string): Promise<Storm[]> {
  return db.selectFrom('storms').selectAll().where('starts_at', '<=', now).where('ends_at', '>', now)
    .where((eb) => eb.or([eb('reminders_sent_for', 'is', null), eb('reminders_sent_for', '<', eb.ref('starts_at'))]))
    .orderBy('id').execute();
}

export async function markRemindersSent(db: Db, stormId: number, startsAt: string): Promise<void> {
  await db.updateTable('storms').set({ reminders_sent_for: startsAt }).where('id', '=', stormId).execute();
}

export async function hasReminderRequest(db: Db, stormId: number, personId: number): Promise<boolean> {
  const row = await db.selectFrom('storm_reminders').select('person_id')
    .where('storm_id', '=', stormId).where('person_id', '=', personId).executeTakeFirst();
  return row !== undefined;
}
