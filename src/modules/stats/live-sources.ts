// What each live feed reads, and the notifications that wake it: a storm's events, announced by tracking
// once per write. The public counter wakes only for post starts; the dashboard for every event, and re-reads
// every few seconds for what announces nothing (emails delivered, clicks, the next minute).
import type { Deps } from '../../deps.ts';
import { readStormPosters, stormEventsChannel, type StormEventsNotice } from '../tracking/index.ts';
import type { LiveSource } from './live-feed.ts';
import { stormLiveSnapshot, type LiveSnapshot } from './live-snapshot.service.ts';

export function postersSource(deps: Pick<Deps, 'db' | 'notifier'>, stormId: number): LiveSource {
  return {
    listen: (wake) => deps.notifier.subscribe(stormEventsChannel(stormId), wake),
    relevant: (payload) => (payload as Partial<StormEventsNotice> | null)?.posts_started !== 0,
    read: async (maxAgeMs) => ({ posted: await readStormPosters(deps, stormId, { maxAgeMs }) }),
    resyncMs: 30_000,
  };
}

export function dashboardSource(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'notifier'>, stormId: number): LiveSource {
  return {
    listen: (wake) => deps.notifier.subscribe(stormEventsChannel(stormId), wake),
    read: () => stormLiveSnapshot(deps, stormId),
    fingerprint: (value) => JSON.stringify({ ...(value as LiveSnapshot), at: undefined }),
    resyncMs: 10_000,
  };
}
