// The jobs that work through a message's recipients. A message has `sendParallel` slots, each a job of its
// own (singleton key `id:slot`), so that many workers may send it at once: each claims batches from the
// shared recipient table, and the claim is atomic, so no two take the same recipient. A slot queued or
// running absorbs a repeat, and one process runs one slot of a message at a time (the group), so the
// slots spread over the workers. A message whose sender has limits of its own has one slot.
import type { Deps } from '../../deps.ts';
import { hasOwnSenderLimits } from '../accounts/index.ts';
import { findMessageById } from './messages.repo.ts';
import { senderOf } from './messages.service.ts';

export const SEND_MESSAGE_JOB = 'messages.send-message';

export interface SendMessageJob {
  messageId: number;
  slot: number;
}

export async function queueSend(deps: Pick<Deps, 'jobs' | 'config' | 'db'>, messageId: number): Promise<void> {
  // a sender with limits of its own at the relay is sent from one slot, so one process holds it to them
  const message = await findMessageById(deps.db, messageId);
  const slots = message && (await hasOwnSenderLimits(deps, senderOf(deps, message))) ? 1 : Math.max(1, deps.config.sendParallel);
  for (let slot = 0; slot < slots; slot++) {
    await deps.jobs.send<SendMessageJob>(SEND_MESSAGE_JOB, { messageId, slot }, {
      singletonKey: `${messageId}:${slot}`,
      group: `message-${messageId}`,
    });
  }
}
