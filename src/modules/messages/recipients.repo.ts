import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Database, Db, MessageRecipientsTable, RecipientStatus } from '../../db/schema.ts';

export async function findRecipientByToken(db: Db, token: string) {
  return db.selectFrom('message_recipients').select(['id', 'message_id', 'person_id', 'email', 'status'])
    .where('token', '=', token).executeTakeFirst();
}

/** Adds recipients; a person already on the message is left as they are. Returns how many were added. */
export async function insertRecipients(db: Db, rows: Insertable<MessageRecipientsTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.insertInto('message_recipients').values(rows)
    .onConflict((oc) => oc.columns(['message_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export interface ClaimedRecipient {
  id: number;
  person_id: number;
  email: string;
  token: string;
  vars: string;
  attempts: number;
}

function isDue(now: string) {
  return (eb: ExpressionBuilder<Database, 'message_recipients'>) => eb.and([
    eb('status', '=', 'queued'),
    eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
  ]);
}

/**
 * Takes the next due recipients (by id) for this worker by moving their next attempt to `leaseUntil`:
 * another worker skips them, and should this one die, they fall due again when the lease ends.
 */
export async function claimDueRecipients(db: Db, messageId: number, now: string, leaseUntil: string, limit: number): Promise<ClaimedRecipient[]> {
  const rows = await db.updateTable('message_recipients').set({ next_attempt_at: leaseUntil })
    .where('id', 'in', db.selectFrom('message_recipients').select('id')
      .where('message_id', '=', messageId).where(isDue(now)).orderBy('id').limit(limit))
    .where(isDue(now))
    .returning(['id', 'person_id', 'email', 'token', 'vars', 'attempts'])
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

export async function markRecipientSent(db: Db, id: number, reply: string, now: string): Promise<void> {
  await db.updateTable('message_recipients')
    .set({ status: 'sent', sent_at: now, last_reply: reply, next_attempt_at: null })
    .where('id', '=', id).where('status', '=', 'queued').execute();
}

export async function markRecipientFailed(db: Db, id: number, failure: { reply: string; bounced: boolean; attempts: number }): Promise<void> {
  await db.updateTable('message_recipients')
    .set({ status: 'failed', last_reply: failure.reply, bounced: failure.bounced ? 1 : 0, attempts: failure.attempts, next_attempt_at: null })
    .where('id', '=', id).where('status', '=', 'queued').execute();
}

export async function scheduleRecipientRetry(db: Db, id: number, retry: { reply: string; attempts: number; at: string }): Promise<void> {
  await db.updateTable('message_recipients')
    .set({ last_reply: retry.reply, attempts: retry.attempts, next_attempt_at: retry.at })
    .where('id', '=', id).where('status', '=', 'queued').execute();
}

export async function markRecipientsSkipped(db: Db, ids: number[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('message_recipients').set({ status: 'skipped', last_reply: reason, next_attempt_at: null })
    .where('id', 'in', ids).where('status', '=', 'queued').execute();
}

export async function countQueued(db: Db, messageId: number): Promise<number> {
  const row = await db.selectFrom('message_recipients').select(sql<number>`count(*)`.as('n'))
    .where('message_id', '=', messageId).where('status', '=', 'queued').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countRecipientsByStatus(db: Db, messageId: number) {
  const rows = await db.selectFrom('message_recipients')
    .select(['status', sql<number>`count(*)`.as('n'), sql<number>`sum(bounced)`.as('bounced')])
    .where('message_id', '=', messageId).groupBy('status').execute();
  return rows.map((r) => ({ status: r.status as RecipientStatus, count: Number(r.n), bounced: Number(r.bounced ?? 0) }));
}
