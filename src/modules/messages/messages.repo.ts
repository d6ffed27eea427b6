import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { Database, Db, Message, MessageStatus, MessagesTable } from '../../db/schema.ts';

export async function insertMessage(db: Db, row: Insertable<MessagesTable>): Promise<number> {
  const { id } = await db.insertInto('messages').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findMessageById(db: Db, id: number): Promise<Message | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; `beforeId` pages back. */
export async function selectMessages(db: Db, limit: number, beforeId?: number): Promise<Message[]> {
  let q = db.selectFrom('messages').selectAll();
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** Changes a message only while its status is one of `from`; false when it was not (someone else moved it). */
export async function updateMessageIfStatus(db: Db, id: number, from: MessageStatus[], changes: Updateable<MessagesTable>): Promise<boolean> {
  const result = await db.updateTable('messages').set(changes)
    .where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Scheduled messages whose time has come become `sending`; returns their ids. */
export async function startDueScheduled(db: Db, now: string): Promise<number[]> {
  const rows = await db.updateTable('messages').set({ status: 'sending', started_at: now, updated_at: now })
    .where('status', '=', 'scheduled').where('scheduled_at', '<=', now)
    .returning('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Messages `sending` that a send job has something to do for: the audience is still being copied, a
 * queued recipient is due, or none is queued any more (the job then marks the message sent).
 */
export async function selectMessagesToSend(db: Db, now: string): Promise<number[]> {
  const queued = (eb: ExpressionBuilder<Database, 'messages'>) => eb.selectFrom('message_recipients as r').select('r.id')
    .whereRef('r.message_id', '=', 'messages.id').where('r.status', '=', 'queued');
  const rows = await db.selectFrom('messages').select('id').where('status', '=', 'sending')
    .where((eb) => eb.or([
      eb('audience_done_at', 'is', null),
      eb.not(eb.exists(queued(eb))),
      eb.exists(queued(eb).where((w) => w.or([w('r.next_attempt_at', 'is', null), w('r.next_attempt_at', '<=', now)]))),
    ]))
    .orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Notes how far the audience has been copied. Keyed on the previous position, so a second worker that
 * copied the same batch concurrently does not count its (conflicting, hence empty) insert again.
 */
export async function recordAudienceProgress(db: Db, id: number, progress: {
  fromAfterId: number; toAfterId: number; added: number; doneAt: string | null;
}): Promise<void> {
  await db.updateTable('messages')
    .set((eb) => ({
      audience_after_id: progress.toAfterId,
      audience_done_at: progress.doneAt,
      recipients_total: eb('recipients_total', '+', progress.added),
    }))
    .where('id', '=', id).where('audience_after_id', '=', progress.fromAfterId).execute();
}
