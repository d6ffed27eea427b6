// What the organiser's live dashboard shows of a storm, as one snapshot: posts started in all, per minute of
// its window, per network, per variant and per official addressed; the public posts found on Bluesky and
// Mastodon; and the funnel from the emails that linked to the page, through clicks and page views, to posts.
import type { Deps } from '../../deps.ts';
import type { Storm } from '../../db/schema.ts';
import { countInvitationsSent } from '../messages/index.ts';
import { getStormRow, stormState, stormUrl, type Network, type StormState } from '../storms/index.ts';
import { countPageClickers } from '../tracking/index.ts';
import { stormStats } from './storm-stats.service.ts';

/** The per-minute series covers the storm's window up to now, at most its last this many minutes. */
export const LIVE_MINUTES = 120;
const LABEL_LENGTH = 60;

export interface LiveSnapshot {
  at: string;
  state: StormState;
  posts_started_total: number;
  per_minute: { minute: string; count: number }[];
  per_network: Record<Network, number>;
  per_variant: { variant_id: number; label: string; count: number }[];
  per_target: { target_id: number; name: string; count: number }[];
  public_posts: { bluesky: number; mastodon: number };
  funnel: { sent: number; clicked: number; page_views: number; posts_started: number };
}

export async function stormLiveSnapshot(deps: Pick<Deps, 'db' | 'clock' | 'config'>, stormId: number): Promise<LiveSnapshot> {
  const storm = await getStormRow(deps, stormId);
  const page = stormUrl(deps, storm.slug);
  // independent counts over millions of rows at scale: side by side on PostgreSQL's pool (npm run bench:db)
  const [stats, sent, clicked] = await Promise.all([
    stormStats(deps, stormId), countInvitationsSent(deps, page), countPageClickers(deps, page),
  ]);
  const now = deps.clock.now();
  return {
    at: now.toISOString(),
    state: stormState(storm, now),
    posts_started_total: stats.posts.total,
    per_minute: minutesOfWindow(storm, now, stats.posts.per_minute),
    per_network: stats.posts.by_network,
    per_variant: stats.posts.by_variant.map((v) => ({ variant_id: v.variant_id, label: labelOf(v.position, v.text), count: v.posts })),
    per_target: stats.posts.by_target.map((t) => ({ target_id: t.target_id, name: t.name, count: t.posts })),
    public_posts: { ...stats.public_posts.by_network },
    funnel: { sent, clicked, page_views: stats.views, posts_started: stats.posts.total },
  };
}

/** Every minute of the window so far (a quiet minute is a 0, not a gap), the last LIVE_MINUTES of them. */
export function minutesOfWindow(storm: Pick<Storm, 'starts_at' | 'ends_at'>, now: Date, counted: { minute: string; posts: number }[]) {
  const byMinute = new Map(counted.map((m) => [m.minute, m.posts]));
  const first = Math.floor(Date.parse(storm.starts_at) / 60_000);
  const last = Math.floor((Math.min(now.getTime(), Date.parse(storm.ends_at) - 1)) / 60_000);
  const minutes: { minute: string; count: number }[] = [];
  for (let m = Math.max(first, last - LIVE_MINUTES + 1); m <= last; m++) {
    const minute = new Date(m * 60_000).toISOString();
    minutes.push({ minute, count: byMinute.get(minute.slice(0, 16)) ?? 0 });
  }
  return minutes;
}

/** "2. The world must not look away…": the position and the text's start, cut at a word where there are spaces. */
function labelOf(position: number, text: string): string {
  const chars = Array.from(text);
  if (chars.length <= LABEL_LENGTH) return `${position}. ${text}`;
  const cut = chars.slice(0, LABEL_LENGTH - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${position}. ${(space > LABEL_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
