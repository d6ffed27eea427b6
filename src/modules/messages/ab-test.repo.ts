import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Recipients still waiting for their subject: queued, no variant yet. */
export async function selectHeldRecipientIds(db: Db, messageId: number): Promise<number[]> {
  const rows = await db.selectFrom('message_recipients').select('id')
    .where('message_id', '=', messageId).where('status', '=', 'queued').where('subject_variant', 'is', null)
    .orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Gives these recipients a subject variant and makes them due now. */
export async function assignSubjectVariant(db: Db, ids: number[], variant: number): Promise<void> {
  for (const part of chunks(ids)) {
    await db.updateTable('message_recipients').set({ subject_variant: variant, next_attempt_at: null })
      .where('id', 'in', part).where('status', '=', 'queued').execute();
  }
}

/** Notes that the sample went out and when to decide; false when that was done already. */
export async function markAbSampleReleased(db: Db, messageId: number, decideAt: string): Promise<boolean> {
  const result = await db.updateTable('messages').set({ ab_decide_at: decideAt })
    .where('id', '=', messageId).where('ab_subjects', 'is not', null).where('ab_decide_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Sending messages whose A/B decision is due. */
export async function selectAbDecisionsDue(db: Db, now: string) {
  return db.selectFrom('messages').select(['id', 'ab_subjects'])
    .where('status', '=', 'sending').where('ab_decided_at', 'is', null).where('ab_decide_at', '<=', now)
    .orderBy('id').execute();
}

/** False when another run decided first. */
export async function recordAbWinner(db: Db, messageId: number, winner: number, now: string): Promise<boolean> {
  const result = await db.updateTable('messages').set({ ab_winner: winner, ab_decided_at: now, updated_at: now })
    .where('id', '=', messageId).where('ab_decided_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Everyone held back gets the winning subject and falls due now. */
export async function releaseHeldRecipients(db: Db, messageId: number, winner: number): Promise<void> {
  await db.updateTable('message_recipients').set({ subject_variant: winner, next_attempt_at: null })
    .where('message_id', '=', messageId).where('status', '=', 'queued').where('subject_variant', 'is', null).execute();
}

/** Which variant each of these people got (those with one). */
export async function selectVariantsOfPeople(db: Db, messageId: number, personIds: number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (const part of chunks(personIds)) {
    const rows = await db.selectFrom('message_recipients').select(['person_id', 'subject_variant'])
      .where('message_id', '=', messageId).where('person_id', 'in', part).where('subject_variant', 'is not', null).execute();
    for (const r of rows) found.set(r.person_id, r.subject_variant!);
  }
  return found;
}

/** Recipients mailed, per subject variant. */
export async function countSentByVariant(db: Db, messageId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('message_recipients').select(['subject_variant', sql<number>`count(*)`.as('n')])
    .where('message_id', '=', messageId).where('status', '=', 'sent').where('subject_variant', 'is not', null)
    .groupBy('subject_variant').execute();
  return new Map(rows.map((r) => [r.subject_variant!, Number(r.n)]));
}
