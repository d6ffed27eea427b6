// A send of many thousands must not hold up a shutdown until its last recipient. A job's signal is
// aborted only when the runner gives up waiting for it, so Runtime.close first marks the runner as shutting
// down, and the send loop returns after the batch in flight; the job ends normally and the next tick, in
// this worker or another, carries on.
import type { Jobs } from '../../jobs/jobs.ts';

const shuttingDown = new WeakSet<Jobs>();

export function markShuttingDown(jobs: Jobs): void {
  shuttingDown.add(jobs);
}

export function isShuttingDown(jobs: Jobs): boolean {
  return shuttingDown.has(jobs);
}
