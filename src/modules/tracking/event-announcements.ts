// Once a batch of events is committed, each storm it touched is announced once on its channel, so the live
// counters and dashboards in every process (LISTEN/NOTIFY on PostgreSQL) read their numbers again. Never one
// announcement per event: in a storm's first minute that would be thousands of NOTIFYs a second. While one
// announcement for a storm is on its way (and for 100 ms after it), later batches fold into one that follows.
import type { Notifier } from '../../jobs/notifier.ts';
import type { EventRow } from './events.repo.ts';

/** What an announcement says: how many events of the storm, and how many post starts among them, were stored. */
export interface StormEventsNotice {
  events: number;
  posts_started: number;
}

export function stormEventsChannel(stormId: number): string {
  return `storm:${stormId}:events`;
}

/** The least time between two announcements of one storm from this process. */
const MIN_GAP_MS = 100;

/** Per notifier and storm: null while an announcement is on its way, or the one waiting to follow it. */
const inFlight = new WeakMap<Notifier, Map<number, StormEventsNotice | null>>();

export function announceStoredEvents(notifier: Notifier, rows: EventRow[]): void {
  const byStorm = new Map<number, StormEventsNotice>();
  for (const row of rows) {
    if (row.storm_id === null || row.storm_id === undefined) continue;
    const notice = byStorm.get(row.storm_id) ?? { events: 0, posts_started: 0 };
    notice.events += 1;
    if (row.kind === 'post_started') notice.posts_started += 1;
    byStorm.set(row.storm_id, notice);
  }
  for (const [stormId, notice] of byStorm) announce(notifier, stormId, notice);
}

function announce(notifier: Notifier, stormId: number, notice: StormEventsNotice): void {
  let sending = inFlight.get(notifier);
  if (!sending) inFlight.set(notifier, sending = new Map());
  const storms = sending;
  if (storms.has(stormId)) {
    const waiting = storms.get(stormId);
    storms.set(stormId, waiting ? { events: waiting.events + notice.events, posts_started: waiting.posts_started + notice.posts_started } : notice);
    return;
  }
  storms.set(stormId, null);
  const started = performance.now();
  notifier.publish(stormEventsChannel(stormId), notice)
    // a notification is a hint: one lost (the connection dropping) is made up by the readers' periodic re-read
    .catch(() => {})
    .finally(() => {
      // the readers read at most once a second: more than a few announcements a second would be wasted
      setTimeout(() => {
        const next = storms.get(stormId);
        storms.delete(stormId);
        if (next) announce(notifier, stormId, next);
      }, Math.max(0, MIN_GAP_MS - (performance.now() - started))).unref();
    });
}
