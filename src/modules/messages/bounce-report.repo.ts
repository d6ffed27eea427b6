// The recipient rows a bounce or complaint report points at.
import type { Db } from '../../db/schema.ts';

/** The latest rows for an address, newest first: a report names one of the last messages sent to it. */
export async function selectRecentRecipientsByEmail(db: Db, email: string, limit: number) {
  return db.selectFrom('message_recipients').select(['id', 'message_id', 'person_id', 'email', 'token', 'status'])
    .where('email', '=', email).orderBy('id', 'desc').limit(limit).execute();
}

export async function markRecipientBounced(db: Db, id: number): Promise<void> {
  await db.updateTable('message_recipients').set({ bounced: 1 }).where('id', '=', id).execute();
}
