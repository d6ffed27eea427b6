// Storms, made through the storms service, and what supporters did on their pages: page views, posts
// started by network and variant (most in the first minutes: a storm is a burst), links to posts they
// pasted, and the public posts found for the live one. A storm is live now; the others are past.
import type { Deps } from '../../src/deps.ts';
import type { Db } from '../../src/db/schema.ts';
import { createStorm, listVariants } from '../../src/modules/storms/index.ts';
import { lit, nth, run, weighted, type BulkSql } from './bulk-sql.ts';
import { NETWORK_WEIGHTS } from './shape.ts';

const CHUNK = 200_000;
const STORMS = 6;
/** Page views of the biggest (live) storm, as a share of the list; storm k has 1/k of that. */
const VIEW_SHARE = 0.25;
/** Page views of each storm, the live one first. */
export function stormViews(people: number): number[] {
  return Array.from({ length: STORMS }, (_, k) => Math.max(10, Math.round((people * VIEW_SHARE) / (k + 1))));
}
/** Of the views: posts started, and of those, links pasted back ("I posted"). */
const POST_SHARE = 0.4;
const REPORT_SHARE = 0.05;
/** Views from a personal email link (the person is known), and the pool of returning visitors. */
const KNOWN_SHARE = 0.3;

export interface PlannedStorm { id: number; slug: string; views: number; live: boolean }

export async function buildStorms(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>, q: BulkSql, people: number, nowSeconds: number, progress: (done: number) => void,
): Promise<PlannedStorm[]> {
  const storms: PlannedStorm[] = [];
  let done = 0;
  for (let k = 1; k <= STORMS; k++) {
    const live = k === 1;
    // the live storm began 20 minutes ago and runs an hour; the others were a month apart, an hour each
    const start = live ? nowSeconds - 20 * 60 : nowSeconds - (k - 1) * 30 * 86_400;
    const elapsed = live ? 20 * 60 : 3600;
    const slug = live ? 'closing-ceremony' : `storm-${k}`;
    const { id } = await createStorm(deps, {
      title: live ? 'The genocide is not over' : `Storm ${k}: remember the camps`,
      slug,
      starts_at: new Date(start * 1000).toISOString(),
      ends_at: new Date((start + 3600) * 1000).toISOString(),
      hashtags: ['StandWithUyghurs', `Storm${k}`],
      article_url: 'https://example.org/blog/what-is-happening',
      messages: Array.from({ length: live ? 5 : 3 }, (_, i) => ({ text: `Message ${i + 1}: the camps are still there. Ask why.` })),
      language: ['en', 'tr', 'ug', 'zh-Hans'][k % 4],
    });
    const variants = (await listVariants(deps, id, { includeRemoved: true })).map((v) => v.id);
    const views = stormViews(people)[k - 1]!;
    for (let from = 1; from <= views; from += CHUNK) {
      const to = Math.min(views, from + CHUNK - 1);
      await run(deps.db, stormEvents(q, { id, variants, people, start, elapsed }, from, to));
      done += to - from + 1;
      progress(done);
    }
    if (live) await publicPosts(deps.db, q, id, people, start, elapsed);
    storms.push({ id, slug, views, live });
  }
  return storms;
}

interface StormShape { id: number; variants: number[]; people: number; start: number; elapsed: number }

function stormEvents(q: BulkSql, s: StormShape, from: number, to: number): string {
  // r³ crowds the views into the first minutes of the window
  const t = `${s.start} + ${q.int(`r_time * r_time * r_time * ${s.elapsed}`)}`;
  return `${q.series(from, to)},
    x AS MATERIALIZED (SELECT g, ${['r_known', 'r_person', 'r_vis', 'r_time', 'r_post', 'r_net', 'r_var', 'r_delay']
      .map((r) => `${q.rnd()} AS ${r}`).join(', ')} FROM s),
    y AS (SELECT x.*, CASE WHEN r_known < ${KNOWN_SHARE} THEN 1 + ${q.int(`r_person * ${s.people}`)} END AS person,
      ${q.hashText(q.int(`r_vis * ${Math.round(s.people * 0.6) + 1}`))} AS visitor, ${t} AS t,
      ${nth(q.int(`r_var * ${s.variants.length}`), s.variants)} AS variant FROM x)
    INSERT INTO events (kind, storm_id, variant_id, network, message_id, person_id, visitor, url, created_at)
    SELECT 'page_view', ${s.id}, variant, CAST(NULL AS text), CAST(NULL AS integer), person, visitor, CAST(NULL AS text), ${q.ts('t')} FROM y
    UNION ALL
    SELECT 'post_started', ${s.id}, variant, ${weighted('r_net', NETWORK_WEIGHTS)}, NULL, person, visitor, NULL,
      ${q.ts(`t + 20 + ${q.int('r_delay * 70')}`)} FROM y WHERE r_post < ${POST_SHARE}
    UNION ALL
    SELECT 'post_reported', ${s.id}, NULL, CASE WHEN r_net < 0.6 THEN 'x' ELSE 'bluesky' END, NULL, person, visitor,
      CASE WHEN r_net < 0.6 THEN 'https://x.com/supporter' || ${q.text('g')} || '/status/' || ${q.text(`g + ${s.id * 1_000_000}`)}
        ELSE 'https://bsky.app/profile/supporter' || ${q.text('g')} || '.bsky.social/post/3k' || ${q.text('g')} END,
      ${q.ts(`t + 200 + ${q.int('r_delay * 600')}`)} FROM y WHERE r_post < ${POST_SHARE * REPORT_SHARE}`;
}

async function publicPosts(db: Db, q: BulkSql, stormId: number, people: number, start: number, elapsed: number) {
  const found = [['bluesky', Math.round(people * 0.003)], ['mastodon', Math.round(people * 0.0012)]] as const;
  for (const [network, count] of found) {
    if (count === 0) continue;
    const uri = network === 'bluesky'
      ? `'at://did:plc:supporter' || ${q.text('g')} || '/app.bsky.feed.post/3k' || ${q.text('g')}`
      : `'https://mastodon.social/users/supporter' || ${q.text('g')} || '/statuses/' || ${q.text('g')}`;
    await run(db, `${q.series(1, count)}
      INSERT INTO storm_public_posts (storm_id, network, post_id, url, created_at)
      SELECT ${stormId}, ${lit(network)}, ${uri}, ${uri}, ${q.ts(`${start} + ${q.int(`${q.rnd()} * ${elapsed}`)}`)} FROM s`);
  }
}
