// The send loop for one message: copy the audience (beside the sending: audience-copier.ts) and keep a
// bounded window of mails in flight over the relay connections, claiming due recipients (in id order) a batch at a time as the window drains.
// There is no barrier between batches, so a slow or stalled mail holds one slot, never the others.
// The status is read before every claim, so a pause or cancel takes effect within one batch; outcomes
// are written in batches, and what is recorded as sent is never sent again. Several workers may run this
// for one message at once: each claims its own batches and keeps them leased while it holds them.
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import type { SenderLimits } from '../../mail/sender-limits.ts';
import { applySenderLimits } from '../accounts/index.ts';
import { mailableAmong } from '../people/index.ts';
import { deliverToRecipient } from './deliver.ts';
import { copyAudience, type AudienceCopier } from './audience-copier.ts';
import type { CompiledMessage } from './message-template.ts';
import { findMessageById, updateMessageIfStatus } from './messages.repo.ts';
import { senderOf } from './messages.service.ts';
import { createOutcomeWriter } from './outcome-writer.ts';
import { createRecipientLeases, type RecipientLeases } from './recipient-leases.ts';
import { inWriteThread } from '../../db/write-thread.ts';
import { claimDueRecipients, countQueued, markRecipientsSkipped, type ClaimedRecipient } from './recipients.repo.ts';

/** A claim is a write: on the embedded database it runs in the write thread, beside the sending. */
const claimInWriteThread = inWriteThread(new URL('./recipients.repo.ts', import.meta.url).href, 'claimDueRecipients', claimDueRecipients);

/**
 * Mails handed to the relay's connections ahead of their turn. A connection whose next mail is not there
 * when its last is accepted sits idle until the sending thread renders one: with four per connection
 * they were idle a fifth of the time (bench:send, 10 connections), with eight a tenth, and the send was
 * about 9 % faster. A crash can send at most these again (and the outcomes not yet written).
 */
export const MAILS_IN_FLIGHT_PER_CONNECTION = 8;

export type SendDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config' | 'secret' | 'log' | 'bounce'>;

export interface SendLoopControl {
  /** Which of the message's send slots this is (send-queue.ts): 0 is the one that always sends. */
  slot: number;
  /** True when the process is shutting down: finish the mails in flight, then return. */
  stopping(): boolean;
  /** The message made ready to send (kept between runs by the caller). */
  compiled(message: Message): Promise<CompiledMessage>;
}

/**
 * sent: every recipient is done. waiting: some wait for a retry (the periodic tick comes back).
 * stopped: the process is shutting down. idle: the message is not (or no longer) sending. aside: another
 * slot sends it (its sender has limits of its own).
 */
export type SendOutcome = 'sent' | 'waiting' | 'stopped' | 'idle' | 'aside';

/**
 * Mails in flight: eight per connection, and no more than ten seconds' worth at the sender's rate, so that
 * a run under a slow limit still ends soon after it is asked to (a claimed batch is four windows).
 */
export function sendWindow(limits: SenderLimits): number {
  const perSecond = Math.min(limits.perSecond > 0 ? limits.perSecond : Infinity, limits.perHour > 0 ? limits.perHour / 3600 : Infinity);
  return Math.max(1, Math.min(limits.connections * MAILS_IN_FLIGHT_PER_CONNECTION, Math.ceil(perSecond * 10)));
}

export async function runSend(deps: SendDeps, messageId: number, control: SendLoopControl): Promise<SendOutcome> {
  const message = await findMessageById(deps.db, messageId);
  if (!message || message.status !== 'sending') return 'idle';
  if (control.stopping()) return 'stopped';
  // the sender's limits as last saved, from whichever process saved them: its connections size the window
  await applySenderLimits(deps);
  // a sender with limits of its own at the relay sends each message from one process, whose connections
  // and pace are the limits (each process keeps its own): the other slots have nothing to do
  if (control.slot > 0 && deps.mailer.senderLimits.hasOwn(senderOf(deps, message))) return 'aside';
  const copy = message.audience_done_at === null ? copyAudience(deps, messageId, () => control.stopping()) : undefined;
  const window = sendWindow(deps.mailer.senderLimits.of(senderOf(deps, message)));
  const batchSize = Math.min(1000, window * 4);
  const leases = createRecipientLeases(deps);
  const writer = createOutcomeWriter(deps, messageId, (ids) => leases.release(ids));
  let stop: 'stopped' | 'idle' | undefined;
  try {
    const next = recipientSource(deps, messageId, batchSize, window, control, leases, (why) => { stop ??= why; }, copy);
    const compiled = await control.compiled(message);
    const sending = message;
    const slot = async () => {
      for (let r = await next(); r; r = await next()) await writer.add(await deliverToRecipient(deps, sending, compiled, r));
    };
    // every slot ends before the writer closes, even when one fails
    const results = await Promise.allSettled(Array.from({ length: window }, slot));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    await writer.close();
    leases.stop();
  }
  await copy?.ended;
  if (stop) return stop;
  return (await finishIfDone(deps, messageId)) ? 'sent' : 'waiting';
}

/**
 * Hands out claimed recipients one at a time; claims the next batch (one claim at a time) when fewer
 * than `lowWater` are left. Returns undefined when none are due or the send should stop.
 */
function recipientSource(
  deps: SendDeps, messageId: number, batchSize: number, lowWater: number, control: SendLoopControl,
  leases: RecipientLeases, stopWith: (why: 'stopped' | 'idle') => void, copy: AudienceCopier | undefined,
) {
  let buffer: ClaimedRecipient[] = [];
  let done = false;
  let claiming: Promise<void> | undefined;

  async function claim() {
    for (;;) {
      const message = await findMessageById(deps.db, messageId);
      if (!message || message.status !== 'sending') { stopWith('idle'); done = true; return; }
      if (control.stopping()) { stopWith('stopped'); done = true; return; }
      const now = deps.clock.now();
      const leaseUntil = new Date(now.getTime() + deps.config.sendLeaseMs).toISOString();
      // a copy still going on may add someone now: whether it was copying is asked before the claim
      const copying = copy?.copying ?? false;
      const batch = await claimInWriteThread(deps.db, messageId, now.toISOString(), leaseUntil, batchSize);
      if (batch.length > 0) {
        leases.hold(batch.map((r) => r.id), leaseUntil);
        buffer = buffer.concat(await dropUnsubscribed(deps, batch, leases));
        return;
      }
      if (!copying) { done = true; return; }
      await copy!.more();
    }
  }

  return async function next(): Promise<ClaimedRecipient | undefined> {
    for (;;) {
      // the next batch is fetched while the last of this one is still going out
      if (buffer.length <= lowWater && !done) claiming ??= claim().finally(() => { claiming = undefined; });
      const r = buffer.shift();
      // a recipient whose lease another worker took over (this one stalled past it) is theirs now
      if (r && !leases.holds(r.id)) continue;
      if (r) return r;
      if (!claiming) return undefined;
      await claiming;
    }
  };
}

/** Someone who unsubscribed (or bounced elsewhere) after the send started is skipped, not mailed. */
async function dropUnsubscribed(deps: SendDeps, batch: ClaimedRecipient[], leases: RecipientLeases): Promise<ClaimedRecipient[]> {
  const subscribed = await mailableAmong(deps, batch.map((r) => r.person_id));
  const gone = batch.filter((r) => !subscribed.has(r.person_id));
  await markRecipientsSkipped(deps.db, gone.map((r) => r.id), 'skipped: no longer subscribed');
  leases.release(gone.map((r) => r.id));
  return batch.filter((r) => subscribed.has(r.person_id));
}

async function finishIfDone(deps: SendDeps, messageId: number): Promise<boolean> {
  if ((await countQueued(deps.db, messageId)) > 0) return false;
  const now = deps.clock.now().toISOString();
  return updateMessageIfStatus(deps.db, messageId, ['sending'], { status: 'sent', finished_at: now, updated_at: now });
}
