// The action page's live counter: /s/:slug/live pushes "people have posted" (the number the page renders) on
// connect and whenever another supporter posts, over a real port. A burst of watchers shares one reader per
// storm, streams end when their client goes and when the server stops, and a full server says 503.
import { expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { liveStreamStats } from '../../src/modules/stats/index.ts';
import { openStream, type StreamClient } from '../helpers/event-stream-client.ts';
import { until } from '../helpers/fixtures.ts';
import { describeEachDatabase, startTestApp, type TestContext } from '../helpers/test-app.ts';

const clock = manualClock('2030-02-20T12:30:00Z');
let n = 0;

async function newStorm(ctx: TestContext) {
  const slug = `live-${++n}`;
  const res = await ctx.api('POST', '/api/v1/storms', {
    title: 'The genocide is not over', slug, starts_at: '2030-02-20T12:00:00Z', ends_at: '2030-02-20T14:00:00Z',
    hashtags: ['StandWithUyghurs'], messages: [{ text: 'Stand with the Uyghurs tonight.' }, { text: 'The world must not look away.' }],
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as number, slug };
}

/** A new supporter (their own first-party cookie) opens the page and presses a network's button. */
async function postAsNewSupporter(ctx: TestContext, slug: string, network = 'x') {
  const cookie = `oc_v=${randomToken()}`;
  const page = await (await fetch(`${ctx.baseUrl}/s/${slug}`, { headers: { cookie } })).text();
  const variant = /<input type="hidden" name="variant" value="(\d+)">/.exec(page)![1]!;
  const res = await fetch(`${ctx.baseUrl}/s/${slug}/post`, {
    method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ network, text: 'Stand with the Uyghurs tonight. #StandWithUyghurs', variant }),
  });
  expect(res.status).toBe(302);
}

async function renderedCount(ctx: TestContext, slug: string) {
  const html = await (await fetch(`${ctx.baseUrl}/s/${slug}`)).text();
  const counter = /<p class="posters" data-live="([^"]+)" data-count="(\d+)"[^>]*>([^<]*)<\/p>/.exec(html)!;
  return { src: counter[1], count: Number(counter[2]), text: counter[3], html };
}

describeEachDatabase('the live counter', (ctx) => {
  it('sends the page\'s number on connect, and the new one within a couple of seconds of another supporter\'s post', async () => {
    const { slug } = await newStorm(ctx());
    const page = await renderedCount(ctx(), slug);
    expect(page).toMatchObject({ src: `/s/${slug}/live`, count: 0, text: 'Be the first to post' });
    expect(page.html).toContain('<script src="/assets/live-counter.js" defer></script>');
    expect(page.html).toContain('<p class="visually-hidden" aria-live="polite" data-live-announce></p>');

    const stream = await openStream(`${ctx().baseUrl}/s/${slug}/live`);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers['x-accel-buffering']).toBe('no');
      expect(stream.headers['cache-control']).toBe('no-store, no-transform');
      expect(stream.headers['content-encoding']).toBeUndefined();
      expect(stream.headers['set-cookie']).toBeUndefined();
      expect(await stream.next(() => true)).toEqual({ posted: 0 });
      expect(stream.retryMs).toBeGreaterThanOrEqual(2_000);
      expect(stream.retryMs).toBeLessThanOrEqual(10_000);

      const posted = Date.now();
      await postAsNewSupporter(ctx(), slug);
      expect(await stream.next((e) => e.posted === 1, 3_000)).toEqual({ posted: 1 });
      expect(Date.now() - posted).toBeLessThan(3_000);
      await postAsNewSupporter(ctx(), slug, 'bluesky');
      await stream.next((e) => e.posted === 2, 3_000);
      // the same number the page now renders, in its words (after the page's one-second share of the read)
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await renderedCount(ctx(), slug)).toMatchObject({ count: 2, text: '2 people have posted' });
      // nothing but the changes: each number once
      expect(stream.events).toEqual([{ posted: 0 }, { posted: 1 }, { posted: 2 }]);
    } finally {
      stream.close();
    }
  });

  it('writes the number in the page\'s language', async () => {
    const { slug } = await newStorm(ctx());
    for (let i = 0; i < 3; i++) await postAsNewSupporter(ctx(), slug);
    await new Promise((r) => setTimeout(r, 1_100));
    const html = await (await fetch(`${ctx().baseUrl}/s/${slug}?lang=zh-Hans`)).text();
    expect(html).toContain('data-count="3"');
    expect(html).toContain('>已有 3 人发帖</p>');
    expect(html).toContain(`data-forms="{&quot;other&quot;:&quot;已有 {n} 人发帖&quot;}"`);
  });

  it('serves 200 watchers of a storm from one reader: a handful of reads per change, not one per watcher', async () => {
    const { slug } = await newStorm(ctx());
    const before = liveStreamStats(ctx().runtime.app);
    const streams: StreamClient[] = await Promise.all(Array.from({ length: 200 }, () => openStream(`${ctx().baseUrl}/s/${slug}/live`)));
    try {
      await Promise.all(streams.map((s) => s.next((e) => e.posted === 0)));
      const connected = liveStreamStats(ctx().runtime.app);
      expect(connected.streams - before.streams).toBe(200);
      expect(connected.feeds - before.feeds).toBe(1);
      expect(connected.reads - before.reads).toBeLessThanOrEqual(2);

      const changes = 3;
      for (let i = 1; i <= changes; i++) {
        await postAsNewSupporter(ctx(), slug);
        await Promise.all(streams.map((s) => s.next((e) => e.posted === i, 5_000)));
      }
      const reads = liveStreamStats(ctx().runtime.app).reads - connected.reads;
      console.log(`200 streams, ${changes} changes: ${reads} reads of the count`);
      expect(reads).toBeGreaterThanOrEqual(changes);
      expect(reads).toBeLessThanOrEqual(changes * 2);
    } finally {
      streams.forEach((s) => s.close());
    }
    // a client that goes is let go of, and the storm's reader with the last one
    await until(() => liveStreamStats(ctx().runtime.app).streams === before.streams, 5_000);
    expect(liveStreamStats(ctx().runtime.app).feeds).toBe(before.feeds);
  }, 30_000);

  it('answers 404 for a storm that is not there, without looking up a malformed address', async () => {
    for (const slug of ['no-such-storm', 'Not%20A%20Slug']) {
      const stream = await openStream(`${ctx().baseUrl}/s/${slug}/live`, { accept: 'application/json' });
      expect(stream.status).toBe(404);
      stream.close();
    }
    expect(liveStreamStats(ctx().runtime.app).feeds).toBe(0);
  });
}, () => ({ clock, worker: false }));

it('refuses streams beyond OUTCRY_LIVE_MAX_STREAMS with 503, and ends every stream when the server stops', async () => {
  const app = await startTestApp('sqlite', { clock, worker: false, env: { OUTCRY_LIVE_MAX_STREAMS: '3' } });
  let stopped = false;
  try {
    const { slug } = await newStorm(app);
    const streams = await Promise.all([1, 2, 3].map(() => openStream(`${app.baseUrl}/s/${slug}/live`)));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const refused = await openStream(`${app.baseUrl}/s/${slug}/live`, { accept: 'application/json' });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    refused.close();
    const started = Date.now();
    await app.stop();
    stopped = true;
    await Promise.all(streams.map((s) => s.ended));
    expect(Date.now() - started).toBeLessThan(5_000);
  } finally {
    if (!stopped) await app.stop();
  }
}, 30_000);
