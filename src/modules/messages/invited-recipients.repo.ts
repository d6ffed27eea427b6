import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

/** Organisers' messages (not those a module made, such as reminders) whose body contains `text`, for the caller to narrow. */
export async function selectBlastsContaining(db: Db, text: string): Promise<{ id: number; body: string }[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.selectFrom('messages').select(['id', 'body']).where('kind', '=', 'blast')
    .where(sql<boolean>`${sql.ref('body')} like ${pattern} escape '\\'`).orderBy('id').execute();
}

/** The recipients of these messages the relay accepted, after `afterId` in id order. */
export async function selectSentRecipientsAfter(db: Db, messageIds: number[], afterId: number, limit: number) {
  if (messageIds.length === 0) return [];
  return db.selectFrom('message_recipients').select(['id', 'person_id', 'email', 'vars'])
    .where('message_id', 'in', messageIds).where('status', '=', 'sent').where('id', '>', afterId)
    .orderBy('id').limit(limit).execute();
}
