// The send loop for one message: copy the audience, then claim due recipients in id order a batch at a
// time and mail them with a bounded number in flight. The status is read before every batch, so a pause
// or cancel takes effect within one batch; what is marked sent is never sent again.
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import { subscribedAmong } from '../people/index.ts';
import { deliverToRecipient } from './deliver.ts';
import { enqueueAudienceBatch } from './enqueue-recipients.service.ts';
import type { CompiledMessage } from './message-template.ts';
import { findMessageById, updateMessageIfStatus } from './messages.repo.ts';
import { claimDueRecipients, countQueued, markRecipientsSkipped, type ClaimedRecipient } from './recipients.repo.ts';

/** How long a claimed batch is this worker's; should it die, the rest falls due again after this. */
const LEASE_MS = 10 * 60_000;

export type SendDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config' | 'secret' | 'log'>;

export interface SendLoopControl {
  /** True when the process is shutting down: finish the batch in flight, then return. */
  stopping(): boolean;
  /** The message made ready to send (kept between runs by the caller). */
  compiled(message: Message): Promise<CompiledMessage>;
}

/**
 * sent: every recipient is done. waiting: some wait for a retry (the periodic tick comes back).
 * stopped: the process is shutting down. idle: the message is not (or no longer) sending.
 */
export type SendOutcome = 'sent' | 'waiting' | 'stopped' | 'idle';

export async function runSend(deps: SendDeps, messageId: number, control: SendLoopControl): Promise<SendOutcome> {
  const inFlight = Math.max(1, deps.config.smtpConnections * 2);
  const batchSize = Math.min(500, Math.max(20, inFlight * 5));
  for (;;) {
    const message = await findMessageById(deps.db, messageId);
    if (!message || message.status !== 'sending') return 'idle';
    if (control.stopping()) return 'stopped';
    if (message.audience_done_at === null) {
      await enqueueAudienceBatch(deps, message);
      continue;
    }
    const now = deps.clock.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
    const batch = await claimDueRecipients(deps.db, messageId, now.toISOString(), leaseUntil, batchSize);
    if (batch.length === 0) return (await finishIfDone(deps, messageId)) ? 'sent' : 'waiting';
    const compiled = await control.compiled(message);
    const sendable = await dropUnsubscribed(deps, batch);
    await forEachConcurrently(sendable, inFlight, (r) => deliverToRecipient(deps, message, compiled, r));
  }
}

/** Someone who unsubscribed (or bounced elsewhere) after the send started is skipped, not mailed. */
async function dropUnsubscribed(deps: SendDeps, batch: ClaimedRecipient[]): Promise<ClaimedRecipient[]> {
  const subscribed = await subscribedAmong(deps, batch.map((r) => r.person_id));
  const gone = batch.filter((r) => !subscribed.has(r.person_id));
  await markRecipientsSkipped(deps.db, gone.map((r) => r.id), 'skipped: no longer subscribed');
  return batch.filter((r) => subscribed.has(r.person_id));
}

async function finishIfDone(deps: SendDeps, messageId: number): Promise<boolean> {
  if ((await countQueued(deps.db, messageId)) > 0) return false;
  const now = deps.clock.now().toISOString();
  return updateMessageIfStatus(deps.db, messageId, ['sending'], { status: 'sent', finished_at: now, updated_at: now });
}

/** Runs fn over items with at most `limit` at once; all finish before the first error is thrown. */
async function forEachConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
