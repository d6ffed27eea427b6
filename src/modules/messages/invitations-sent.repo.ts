import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

/** Recipients of these messages the relay accepted. */
export async function countSentRecipients(db: Db, messageIds: number[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const row = await db.selectFrom('message_recipients').select(sql<number>`count(*)`.as('n'))
    .where('message_id', 'in', messageIds).where('status', '=', 'sent').executeTakeFirstOrThrow();
  return Number(row.n);
}
