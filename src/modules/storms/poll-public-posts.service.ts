// Evidence that a storm happened: each poll (every minute by default) reads, for every storm that is on by
// the clock, or ended a few minutes ago (posts are indexed and federated late), the public posts carrying
// its hashtags on Bluesky and on the storm's Mastodon servers, and records those made inside its window.
// X has no free read API, so there a press of the button is all we count.
import type { Deps } from '../../deps.ts';
import type { Storm } from '../../db/schema.ts';
import { searchBlueskyTag } from './bluesky-search.ts';
import { readMastodonTag } from './mastodon-tag-timeline.ts';
import { insertPublicPosts, newestPublicPostAt, type PublicPost, type PublicPostNetwork } from './public-posts.repo.ts';
import { selectStormsLive } from './storms.repo.ts';
import { hashtagsOf, mastodonInstancesOf } from './storms.service.ts';

/** How long after its end a storm is still read. */
const AFTER_END_MS = 10 * 60_000;
/** Each poll reads back this far before the newest post already recorded, for posts that arrived late. */
const LOOKBACK_MS = 5 * 60_000;

type PollDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

export async function pollPublicPosts(deps: PollDeps): Promise<void> {
  const now = deps.clock.now();
  const storms = await selectStormsLive(deps.db, now.toISOString(), new Date(now.getTime() - AFTER_END_MS).toISOString());
  for (const storm of storms) await collectPublicPosts(deps, storm);
}

export async function collectPublicPosts(deps: PollDeps, storm: Storm): Promise<void> {
  const tags = hashtagsOf(storm);
  if (tags.length === 0) return;
  const userAgent = `Outcry (+${deps.config.publicUrl})`;

  const blueskySince = await sinceFor(deps, storm, 'bluesky');
  for (const tag of tags) {
    const pages = searchBlueskyTag({ appviewUrl: deps.config.blueskyAppviewUrl, tag, since: blueskySince, until: storm.ends_at, userAgent });
    await recordPages(deps, storm, 'bluesky', pages, `Bluesky search for #${tag}`);
  }

  const mastodonSince = await sinceFor(deps, storm, 'mastodon');
  for (const server of mastodonInstancesOf(storm)) {
    for (const tag of tags) {
      const pages = readMastodonTag({ server, tag, since: mastodonSince, userAgent });
      await recordPages(deps, storm, 'mastodon', pages, `the #${tag} timeline of ${server}`);
    }
  }
}

async function sinceFor(deps: PollDeps, storm: Storm, network: PublicPostNetwork): Promise<string> {
  const newest = await newestPublicPostAt(deps.db, storm.id, network);
  const start = Date.parse(storm.starts_at);
  return new Date(newest ? Math.max(start, Date.parse(newest) - LOOKBACK_MS) : start).toISOString();
}

/** A source that fails (down, refusing, slow) is told in the log and tried again at the next poll. */
async function recordPages(deps: PollDeps, storm: Storm, network: PublicPostNetwork, pages: AsyncIterable<PublicPost[]>, source: string): Promise<void> {
  const starts = Date.parse(storm.starts_at);
  const ends = Date.parse(storm.ends_at);
  const inWindow = (p: PublicPost) => {
    const t = Date.parse(p.created_at);
    return t >= starts && t < ends;
  };
  try {
    for await (const posts of pages) await insertPublicPosts(deps.db, storm.id, network, posts.filter(inWindow));
  } catch (err) {
    deps.log.warn({ storm: storm.id, reason: err instanceof Error ? err.message : String(err) }, `could not read ${source}`);
  }
}
