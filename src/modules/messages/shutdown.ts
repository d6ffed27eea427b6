// A send of many thousands must not hold up a shutdown until its last recipient. The job runner has no
// way to tell a running handler to stop, so the HTTP app's close (the first step of Runtime.close) marks
// the runner as shutting down and the send loop returns after the batch in flight; the next start resumes.
import type { Jobs } from '../../jobs/jobs.ts';

const shuttingDown = new WeakSet<Jobs>();

export function markShuttingDown(jobs: Jobs): void {
  shuttingDown.add(jobs);
}

export function isShuttingDown(jobs: Jobs): boolean {
  return shuttingDown.has(jobs);
}
