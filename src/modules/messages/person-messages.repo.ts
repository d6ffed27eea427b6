// The messages one person was sent, with how their delivery went: their timeline, their data export and
// their erasure. Erasure deletes their recipient rows (address, merge values, token) and delivery log.
import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import type { AttemptOutcome, RecipientStatus } from '../../db/schema.ts';
import { olderThan, type PageBefore } from '../../db/page-before.ts';
import { conflict } from '../../http/problem.ts';

export interface PersonMessage {
  recipient_id: number;
  message_id: number;
  /** The subject they got (their A/B variant's, when the message tested subjects). */
  subject: string;
  /** When it was sent, else first tried, else when the send started: when it reached (or would reach) them. */
  at: string;
  email: string;
  status: RecipientStatus;
  attempts: number;
  bounced: boolean;
  last_reply: string | null;
  sent_at: string | null;
}

/** Newest first (by time, then recipient id); `before` pages back, `limit` caps the count (none: all). */
export async function personMessages(
  deps: Pick<Deps, 'db'>, personId: number, page: { before?: PageBefore | undefined; limit?: number | undefined } = {},
): Promise<PersonMessage[]> {
  const at = sql<string>`coalesce(message_recipients.sent_at, message_recipients.first_attempt_at, messages.started_at, messages.created_at)`;
  let q = deps.db.selectFrom('message_recipients').innerJoin('messages', 'messages.id', 'message_recipients.message_id')
    .select([
      'message_recipients.id as recipient_id', 'message_recipients.message_id', 'messages.subject', 'messages.ab_subjects',
      'message_recipients.subject_variant', 'message_recipients.email', 'message_recipients.status', 'message_recipients.attempts',
      'message_recipients.bounced', 'message_recipients.last_reply', 'message_recipients.sent_at', at.as('at'),
    ])
    .where('message_recipients.person_id', '=', personId);
  if (page.before !== undefined) q = q.where(olderThan(at, sql.ref('message_recipients.id'), page.before));
  q = q.orderBy(at, 'desc').orderBy('message_recipients.id', 'desc');
  const rows = await (page.limit !== undefined ? q.limit(page.limit) : q).execute();
  return rows.map(({ ab_subjects, subject_variant, subject, bounced, at: when, ...r }) => {
    const variants = ab_subjects ? (JSON.parse(ab_subjects) as string[]) : [];
    return { ...r, subject: (subject_variant !== null ? variants[subject_variant] : undefined) ?? subject, bounced: bounced === 1, at: new Date(when).toISOString() };
  });
}

export interface PersonDeliveryAttempt {
  message_id: number;
  attempted_at: string;
  outcome: AttemptOutcome;
  reply: string | null;
}

/** Every try at handing a message for this person to the relay, oldest first. */
export async function personDeliveryAttempts(deps: Pick<Deps, 'db'>, personId: number): Promise<PersonDeliveryAttempt[]> {
  return deps.db.selectFrom('delivery_attempts')
    .innerJoin('message_recipients', 'message_recipients.id', 'delivery_attempts.recipient_id')
    .select(['message_recipients.message_id', 'delivery_attempts.attempted_at', 'delivery_attempts.outcome', 'delivery_attempts.reply'])
    .where('message_recipients.person_id', '=', personId)
    .orderBy('delivery_attempts.id').execute();
}

/**
 * Deletes what the messages module holds about a person (erasure). Refused while a message is being sent
 * to them: the send loop holds their row and would write its outcome to it; after the send, it can go.
 */
export async function erasePersonMessages(deps: Pick<Deps, 'db'>, personId: number): Promise<number> {
  const inFlight = await deps.db.selectFrom('message_recipients').innerJoin('messages', 'messages.id', 'message_recipients.message_id')
    .select('messages.id').where('message_recipients.person_id', '=', personId)
    .where('message_recipients.status', '=', 'queued').where('messages.status', '=', 'sending').executeTakeFirst();
  if (inFlight) {
    throw conflict('A message is being sent to this person right now', `Try again when message ${inFlight.id} has finished sending, or pause it first.`);
  }
  const ids = deps.db.selectFrom('message_recipients').select('id').where('person_id', '=', personId);
  await deps.db.deleteFrom('delivery_attempts').where('recipient_id', 'in', ids).execute();
  const result = await deps.db.deleteFrom('message_recipients').where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
