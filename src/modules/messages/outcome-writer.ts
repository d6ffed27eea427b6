// Delivery outcomes are written in batches (one transaction per batch) rather than one statement per mail:
// at a few thousand mails a second, single writes would be the bottleneck. A batch is written when it is
// full, when its first outcome is 100 ms old, and when the send stops; a 2xx not yet written when the
// process dies is the only way a recipient can be mailed twice, so batches stay small in time.
import type { Deps } from '../../deps.ts';
import { changeSubscription } from '../people/index.ts';
import type { DeliveryOutcome } from './deliver.ts';
import { inWriteThread } from '../../db/write-thread.ts';
import { recordDeliveryOutcomes } from './recipients.repo.ts';

/** On the embedded database a batch is written in its write thread (db/write-thread.ts), beside the sending. */
const recordInWriteThread = inWriteThread(new URL('./recipients.repo.ts', import.meta.url).href, 'recordDeliveryOutcomes', recordDeliveryOutcomes);

export const OUTCOME_BATCH = 100;
const FULL = OUTCOME_BATCH;
const OLDEST_MS = 100;

export interface OutcomeWriter {
  /** Resolves at once, unless writing has fallen behind: then when it has caught up (backpressure). */
  add(outcome: DeliveryOutcome): Promise<void>;
  /** Writes everything added so far; resolves when it is stored. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

export function createOutcomeWriter(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>, messageId: number, onWritten?: (recipientIds: number[]) => void,
): OutcomeWriter {
  let pending: DeliveryOutcome[] = [];
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown;
  let unwritten = 0;

  // a batch is written when it is full or when its first outcome is OLDEST_MS old: a timer that ran on its
  // own beat cut most batches short, and each batch costs its transaction and a statement of its size
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length > 0) {
      const batch = pending;
      pending = [];
      writing = writing.then(() => write(batch)).catch((err: unknown) => { failure ??= err; })
        .finally(() => { unwritten -= batch.length; });
    }
    return written();
  };
  const written = () => writing.then(() => {
    if (failure !== undefined) throw failure;
  });

  async function write(batch: DeliveryOutcome[]) {
    await recordInWriteThread(deps.db, batch.map((o) => ({
      recipientId: o.recipient.id, outcome: o.outcome, reply: o.reply, attemptedAt: o.attemptedAt, retryAt: o.retryAt,
    })));
    onWritten?.(batch.map((o) => o.recipient.id));
    for (const o of batch) {
      if (o.outcome === 'bounced') {
        await changeSubscription(deps, o.recipient.person_id, 'bouncing', { source: 'bounce', detail: `message:${messageId}` });
      }
    }
  }

  return {
    async add(outcome) {
      if (pending.push(outcome) === 1) {
        timer = setTimeout(() => void flush().catch(() => {}), OLDEST_MS);
        timer.unref();
      }
      unwritten++;
      if (pending.length >= FULL) void flush().catch(() => {});
      // the database is behind the relay: wait for what is being written rather than let unrecorded mails
      // pile up (and without cutting a batch of one for each mail that waits)
      if (unwritten > 2 * FULL) await written();
    },
    flush,
    async close() {
      await flush();
    },
  };
}
