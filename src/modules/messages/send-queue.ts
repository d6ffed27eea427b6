// The job that works through a message's recipients; one per message at a time (singleton key).
import type { Jobs } from '../../jobs/jobs.ts';

export const SEND_MESSAGE_JOB = 'messages.send-message';

export interface SendMessageJob {
  messageId: number;
}

export async function queueSend(jobs: Jobs, messageId: number): Promise<void> {
  await jobs.send<SendMessageJob>(SEND_MESSAGE_JOB, { messageId }, { singletonKey: String(messageId) });
}
