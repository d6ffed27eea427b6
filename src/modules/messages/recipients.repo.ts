import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import { isPostgres } from '../../db/dialect.ts';
import { packRows, statementPerCount, valuesWriter, type PackedRows } from '../../db/packed-rows.ts';
import type { AttemptOutcome, Database, Db, DeliveryAttemptsTable, MessageRecipientsTable, RecipientStatus } from '../../db/schema.ts';

export async function findRecipientByToken(db: Db, token: string) {
  return db.selectFrom('message_recipients').select(['id', 'message_id', 'person_id', 'email', 'status', 'vars'])
    .where('token', '=', token).executeTakeFirst();
}

/** The recipient and the languages of their unsubscribe page: their own (from their merge values) and the message's. */
export async function findRecipientWithLanguages(db: Db, token: string) {
  const row = await db.selectFrom('message_recipients').innerJoin('messages', 'messages.id', 'message_recipients.message_id')
    .select(['message_recipients.message_id', 'message_recipients.person_id', 'message_recipients.vars', 'messages.language'])
    .where('message_recipients.token', '=', token).executeTakeFirst();
  if (!row) return undefined;
  const vars = JSON.parse(row.vars) as Record<string, unknown>;
  return { message_id: row.message_id, person_id: row.person_id, languages: [vars.language, row.language] };
}

type RecipientInsert = Insertable<MessageRecipientsTable>;

/** Adds recipients; a person already on the message is left as they are. Returns how many were added. */
export async function insertRecipients(db: Db, rows: RecipientInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await recipientsInsert(db, rows).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

function recipientsInsert(db: Db, rows: RecipientInsert[]) {
  return db.insertInto('message_recipients').values(rows).onConflict((oc) => oc.columns(['message_id', 'person_id']).doNothing());
}

/** The columns of an audience batch's rows, in the order they are packed in (db/packed-rows.ts). */
const RECIPIENT_COLUMNS: readonly (keyof RecipientInsert)[] = ['message_id', 'person_id', 'email', 'token', 'vars', 'status', 'attempts', 'bounced', 'next_attempt_at'];

/** An audience batch packed for the write thread: the rows of a large send cross as one string, not as objects. */
export const packRecipients = (rows: readonly RecipientInsert[]): PackedRows => packRows(rows, RECIPIENT_COLUMNS);

const writeRecipients = valuesWriter<RecipientInsert>(RECIPIENT_COLUMNS, recipientsInsert);

/** insertRecipients for packed rows, in one statement compiled once per batch size. */
export async function insertPackedRecipients(db: Db, packed: PackedRows): Promise<number> {
  return Number((await writeRecipients(db, JSON.parse(packed) as unknown[])).numAffectedRows ?? 0);
}

export interface ClaimedRecipient {
  id: number;
  person_id: number;
  email: string;
  token: string;
  vars: string;
  attempts: number;
  subject_variant: number | null;
  first_attempt_at: string | null;
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
    .returning(['id', 'person_id', 'email', 'token', 'vars', 'attempts', 'subject_variant', 'first_attempt_at'])
    .execute();
  return rows.sort((a, b) => a.id - b.id);
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

export interface RecordedOutcome {
  recipientId: number;
  outcome: AttemptOutcome;
  reply: string;
  attemptedAt: string;
  retryAt?: string | undefined;
}

const ATTEMPT_COLUMNS = ['recipient_id', 'attempted_at', 'outcome', 'reply'] as const;
/** A batch's attempts, in one statement compiled once per batch size (a send's batches are mostly of one size). */
const insertAttempts = valuesWriter<Insertable<DeliveryAttemptsTable>>(ATTEMPT_COLUMNS, (db, rows) => db.insertInto('delivery_attempts').values(rows));

/**
 * Marks a batch sent on the embedded database, each row with its own reply, by a join with the batch's
 * values: a third cheaper than reading each reply back from the log just written (and a CASE was slower
 * still). Its values: the first attempt's time, the sent time, then each recipient's id and reply.
 * Not on PostgreSQL: there the join's plan may take the rows in another order than the statements that
 * renew and claim leases (`id in (…)`), and two transactions deadlocked (three test runs with several workers).
 */
const markSent = statementPerCount((db, count) => {
  // the first row's casts type the columns (PostgreSQL would otherwise read the parameters as text)
  const rows = sql.join(Array.from({ length: count }, (_, j) => j === 0
    ? sql`(cast(${2} as integer), cast(${3} as text))`
    : sql`(${2 + 2 * j}, ${3 + 2 * j})`));
  return sql`update message_recipients set status = 'sent', attempts = attempts + 1,
      first_attempt_at = coalesce(first_attempt_at, ${0}), sent_at = ${1}, last_reply = batch.column2, next_attempt_at = null
    from (values ${rows}) as batch
    where message_recipients.id = batch.column1 and message_recipients.status = 'queued'`.compile(db);
});

/** markSent as every statement that changes several recipients takes them (`id in (…)`), for PostgreSQL. */
async function markSentFromLog(db: Db, chunk: RecordedOutcome[]): Promise<void> {
  await db.updateTable('message_recipients')
    .set((eb) => ({
      status: 'sent',
      attempts: eb('attempts', '+', 1),
      first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(chunk[0]!.attemptedAt)),
      // the batch's last 2xx: within a fraction of a second of each one's own
      sent_at: chunk.at(-1)!.attemptedAt,
      // the reply just logged, read back through the log's index
      last_reply: eb.selectFrom('delivery_attempts').select('delivery_attempts.reply')
        .whereRef('delivery_attempts.recipient_id', '=', 'message_recipients.id')
        .orderBy('delivery_attempts.id', 'desc').limit(1),
      next_attempt_at: null,
    }))
    .where('id', 'in', chunk.map((o) => o.recipientId)).where('status', '=', 'queued').execute();
}

/**
 * Writes a batch of delivery outcomes in one transaction: each attempt into the delivery log, and the
 * recipients' states (the sent ones in one statement). Only recipients still queued change, so writing
 * the same outcome twice does nothing new.
 */
export async function recordDeliveryOutcomes(db: Db, outcomes: RecordedOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < outcomes.length; i += 500) {
      const values: unknown[] = [];
      for (const o of outcomes.slice(i, i + 500)) values.push(o.recipientId, o.attemptedAt, o.outcome, o.reply.slice(0, 1000));
      await insertAttempts(trx, values);
    }
    // the sent in one statement per 500
    const sent = outcomes.filter((o) => o.outcome === 'sent');
    for (let i = 0; i < sent.length; i += 500) {
      const chunk = sent.slice(i, i + 500);
      if (isPostgres(trx)) {
        await markSentFromLog(trx, chunk);
        continue;
      }
      // the batch's last 2xx is every row's sent_at: within a fraction of a second of each one's own
      const values: unknown[] = [chunk[0]!.attemptedAt, chunk.at(-1)!.attemptedAt];
      for (const o of chunk) values.push(o.recipientId, o.reply.slice(0, 1000));
      await trx.executeQuery({ ...markSent(trx, chunk.length), parameters: values });
    }
    for (const o of outcomes) {
      if (o.outcome === 'sent') continue;
      const done = o.outcome !== 'deferred';
      await trx.updateTable('message_recipients')
        .set((eb) => ({
          status: done ? 'failed' : 'queued',
          bounced: o.outcome === 'bounced' ? 1 : 0,
          attempts: eb('attempts', '+', 1),
          first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(o.attemptedAt)),
          last_reply: o.reply,
          next_attempt_at: done ? null : o.retryAt!,
        }))
        .where('id', '=', o.recipientId).where('status', '=', 'queued').execute();
    }
  });
}

/** Every attempt at one recipient, oldest first. */
export async function selectDeliveryAttempts(db: Db, recipientId: number) {
  return db.selectFrom('delivery_attempts').select(['attempted_at', 'outcome', 'reply'])
    .where('recipient_id', '=', recipientId).orderBy('id').execute();
}

/**
 * Moves the lease of recipients this worker still holds (their next attempt is exactly the lease it set)
 * to `leaseUntil`; returns the ids renewed. A recipient whose lease ran out and that another worker
 * claimed meanwhile has another lease, so it is not taken back.
 */
export async function renewLeases(db: Db, ids: number[], heldUntil: string, leaseUntil: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.updateTable('message_recipients').set({ next_attempt_at: leaseUntil })
    .where('id', 'in', ids).where('status', '=', 'queued').where('next_attempt_at', '=', heldUntil)
    .returning('id').execute();
  return rows.map((r) => r.id);
}
