import type { Db } from '../../db/schema.ts';

export async function findRecipientByToken(db: Db, token: string) {
  return db.selectFrom('message_recipients').select(['id', 'message_id', 'person_id', 'email', 'status'])
    .where('token', '=', token).executeTakeFirst();
}
