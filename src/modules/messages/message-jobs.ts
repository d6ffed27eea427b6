// The worker side of messages: the send job, and a tick every two seconds that starts scheduled messages
// whose time has come, decides A/B subject tests whose time has come, and picks up any message still
// `sending` (after a restart, or waiting on retries).
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import { decideDueAbTests } from './ab-test-decide.service.ts';
import { compileMessage, type CompiledMessage } from './message-template.ts';
import { selectSendingIds, startDueScheduled } from './messages.repo.ts';
import { runSend } from './send-loop.ts';
import { queueSend, SEND_MESSAGE_JOB, type SendMessageJob } from './send-queue.ts';
import { isShuttingDown } from './shutdown.ts';

export const TICK_JOB = 'messages.tick';
const TICK_MS = 2_000;

export function registerMessageJobs(deps: Deps): void {
  const templates = templateCache(deps);
  deps.jobs.work<SendMessageJob>(SEND_MESSAGE_JOB, async ({ messageId }) => {
    const outcome = await runSend(deps, messageId, {
      stopping: () => isShuttingDown(deps.jobs),
      compiled: (message) => templates.get(message),
    });
    if (outcome !== 'waiting') templates.forget(messageId);
  });
  deps.jobs.every(TICK_JOB, TICK_MS, () => tickMessages(deps));
}

export async function tickMessages(deps: Pick<Deps, 'db' | 'clock' | 'jobs'>): Promise<void> {
  await startDueScheduled(deps.db, deps.clock.now().toISOString());
  await decideDueAbTests(deps);
  // a message whose job is queued or running absorbs this (singleton key); the others resume
  for (const id of await selectSendingIds(deps.db)) await queueSend(deps.jobs, id);
}

/** Compiles a message once per send, not once per run of the job (retries come back every tick). */
function templateCache(deps: Deps) {
  const cache = new Map<number, { source: string; compiled: Promise<CompiledMessage> }>();
  return {
    get(message: Message): Promise<CompiledMessage> {
      const source = JSON.stringify([message.subject, message.body, message.language, message.track_opens, message.ab_subjects]);
      const hit = cache.get(message.id);
      if (hit?.source === source) return hit.compiled;
      const compiled = compileMessage(deps, message);
      cache.set(message.id, { source, compiled });
      compiled.catch(() => cache.delete(message.id));
      return compiled;
    },
    forget(id: number) {
      cache.delete(id);
    },
  };
}
