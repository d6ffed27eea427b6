// Copies a message's audience into its recipients beside the sending, a batch at a time, so the first mails
// go out as soon as the first batch is in rather than after the whole list (a million people take tens of
// seconds to copy). Each batch is its own transaction and saves its position (enqueue-recipients.service.ts),
// so a crash, a pause or another worker copying too changes nothing: the copy goes on from where it is.
import type { Deps } from '../../deps.ts';
import { enqueueAudienceBatch } from './enqueue-recipients.service.ts';
import { findMessageById } from './messages.repo.ts';

export interface AudienceCopier {
  /** True until the copy has ended (done, stopped, or failed). */
  readonly copying: boolean;
  /** Resolves when the next batch is in, or the copy has ended. */
  more(): Promise<void>;
  /** Settles when the copy has ended; rejects with what made it fail. */
  readonly ended: Promise<void>;
}

export function copyAudience(deps: Pick<Deps, 'db' | 'clock'>, messageId: number, stopping: () => boolean): AudienceCopier {
  let copying = true;
  let waiting: (() => void)[] = [];
  const wake = () => {
    const w = waiting;
    waiting = [];
    for (const resolve of w) resolve();
  };
  const ended = (async () => {
    try {
      for (;;) {
        const message = await findMessageById(deps.db, messageId);
        if (!message || message.status !== 'sending' || message.audience_done_at !== null || stopping()) return;
        await enqueueAudienceBatch(deps, message);
        wake();
      }
    } finally {
      copying = false;
      wake();
    }
  })();
  ended.catch(() => {}); // the send loop awaits it once its mails are out
  return {
    get copying() { return copying; },
    more: () => new Promise<void>((resolve) => { if (copying) waiting.push(resolve); else resolve(); }),
    ended,
  };
}
