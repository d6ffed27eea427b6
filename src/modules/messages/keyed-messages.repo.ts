import { sql, type Insertable } from 'kysely';
import type { Db, MessagesTable, MessageStatus } from '../../db/schema.ts';

/** Inserts the message unless one with its reference exists; either way returns the one that does. */
export async function insertOrFindByReference(db: Db, row: Insertable<MessagesTable> & { reference: string }): Promise<{ id: number; status: MessageStatus }> {
  await db.insertInto('messages').values(row).onConflict((oc) => oc.column('reference').doNothing()).execute();
  return db.selectFrom('messages').select(['id', 'status']).where('reference', '=', row.reference).executeTakeFirstOrThrow();
}

export async function countRecipients(db: Db, messageId: number): Promise<number> {
  const row = await db.selectFrom('message_recipients').select(sql<number>`count(*)`.as('n'))
    .where('message_id', '=', messageId).executeTakeFirstOrThrow();
  return Number(row.n);
}
