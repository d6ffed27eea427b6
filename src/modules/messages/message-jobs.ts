// The worker side of messages: the send job, and a tick every two seconds (once across all workers) that
// starts scheduled messages whose time has come, decides A/B subject tests whose time has come, and
// queues the send slots of every message `sending` with recipients due (after a restart, a crash, or
// retries coming due). Every step is keyed on state, so a tick that runs twice changes nothing more.
import type { Deps } from '../../deps.ts';
import type { Message } from '../../db/schema.ts';
import { heapGrowth } from '../../lib/heap-growth.ts';
import { decideDueAbTests } from './ab-test-decide.service.ts';
import type { CompiledMessage } from './message-template.ts';
import { compileMessageVersions } from './message-versions.ts';
import { selectMessagesToSend, startDueScheduled } from './messages.repo.ts';
import { runSend } from './send-loop.ts';
import { queueSend, SEND_MESSAGE_JOB, type SendMessageJob } from './send-queue.ts';
import { isShuttingDown } from './shutdown.ts';

export const TICK_JOB = 'messages.tick';
const TICK_MS = 2_000;
/** A send job ends itself after this long (the next tick queues it again), well within the queue's expiry. */
const SEND_RUN_MS = 10 * 60_000;

export function registerMessageJobs(deps: Deps): void {
  const templates = templateCache(deps);
  deps.jobs.work<SendMessageJob>(SEND_MESSAGE_JOB, async ({ messageId, slot }, job) => {
    const until = Date.now() + SEND_RUN_MS;
    const outcome = await heapGrowth.during(() => runSend(deps, messageId, {
      slot,
      stopping: () => isShuttingDown(deps.jobs) || job.signal.aborted || Date.now() > until,
      compiled: (message) => templates.get(message),
    }));
    if (outcome === 'sent' || outcome === 'idle') templates.forget(messageId);
  });
  deps.jobs.every(TICK_JOB, TICK_MS, () => tickMessages(deps));
}

export async function tickMessages(deps: Pick<Deps, 'db' | 'clock' | 'jobs' | 'config'>): Promise<void> {
  await startDueScheduled(deps.db, deps.clock.now().toISOString());
  await decideDueAbTests(deps);
  // a slot queued or running absorbs this (singleton key); the others start. A message whose queued
  // recipients all wait (for a retry, or leased to a live worker) is left until one falls due.
  for (const id of await selectMessagesToSend(deps.db, deps.clock.now().toISOString())) await queueSend(deps, id);
}

/** Compiles a message once per send, not once per run of the job (retries come back every tick). */
function templateCache(deps: Deps) {
  const cache = new Map<number, { source: string; compiled: Promise<CompiledMessage> }>();
  return {
    get(message: Message): Promise<CompiledMessage> {
      // translations change only with the message, which moves updated_at
      const source = JSON.stringify([message.subject, message.body, message.language, message.track_opens, message.ab_subjects, message.updated_at]);
      const hit = cache.get(message.id);
      if (hit?.source === source) return hit.compiled;
      const compiled = compileMessageVersions(deps, message);
      cache.set(message.id, { source, compiled });
      compiled.catch(() => cache.delete(message.id));
      return compiled;
    },
    forget(id: number) {
      cache.delete(id);
    },
  };
}
