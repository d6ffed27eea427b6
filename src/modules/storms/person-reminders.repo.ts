// The storm reminders one person asked for: their timeline, their data export and their erasure.
import type { Deps } from '../../deps.ts';

export interface PersonReminder {
  id: number;
  storm_id: number;
  storm_title: string;
  language: string;
  created_at: string;
}

export async function personReminders(deps: Pick<Deps, 'db'>, personId: number): Promise<PersonReminder[]> {
  return deps.db.selectFrom('storm_reminders').innerJoin('storms', 'storms.id', 'storm_reminders.storm_id')
    .select(['storm_reminders.id', 'storm_reminders.storm_id', 'storms.title as storm_title', 'storm_reminders.language', 'storm_reminders.created_at'])
    .where('storm_reminders.person_id', '=', personId)
    .orderBy('storm_reminders.created_at', 'desc').orderBy('storm_reminders.id', 'desc').execute();
}

/** Their reminder requests and what the storms handed them (kept under their id, assign-supporter.ts). */
export async function erasePersonReminders(deps: Pick<Deps, 'db'>, personId: number): Promise<number> {
  await deps.db.deleteFrom('storm_assignments').where('supporter', '=', `p:${personId}`).execute();
  const result = await deps.db.deleteFrom('storm_reminders').where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
