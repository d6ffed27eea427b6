// The worker side of storms: reading the public posts of live storms, every PUBLIC_POSTS_POLL_SECONDS, and
// the reminder wave of each storm that has started (looked for every few seconds, once across all workers).
import type { Deps } from '../../deps.ts';
import { pollPublicPosts } from './poll-public-posts.service.ts';
import { sendDueReminderWaves } from './reminder-wave.service.ts';

export const POLL_PUBLIC_POSTS_JOB = 'storms.poll-public-posts';
export const REMINDER_WAVE_JOB = 'storms.send-reminders';
const REMINDER_TICK_MS = 5_000;

export function registerStormJobs(deps: Deps): void {
  deps.jobs.every(REMINDER_WAVE_JOB, REMINDER_TICK_MS, () => sendDueReminderWaves(deps));
  if (deps.config.publicPostsPollMs === 0) return;
  deps.jobs.every(POLL_PUBLIC_POSTS_JOB, deps.config.publicPostsPollMs, () => pollPublicPosts(deps));
}
